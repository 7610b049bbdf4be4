// Bad input: each gets a clear status and message, and leaves nothing behind.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import { getAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { CONTRIBUTION_MAX_AGE_SECONDS, signContribution } from "../protocol/contribution.ts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { datasetJsonl, followEvents, getJson, signIn, startService, upload, type SignedIn, type TestService } from "./testing.ts";
import { oracleProgram, signedUploadForm } from "../protocol/oracle-client.ts";

const LIMIT = 256 * 1024;

describe("uploads that are wrong", () => {
  let workers: PipelineWorkers;
  let svc: TestService;
  let alice: SignedIn;
  const clean = datasetJsonl(11).split("\n").filter(Boolean).slice(0, 30);

  before(async () => {
    workers = await PipelineWorkers.start({}, 1);
    svc = await startService(workers, { UPLOAD_LIMIT_BYTES: String(LIMIT), UPLOAD_MAX_COMPRESSION_RATIO: "50" });
    alice = await signIn(svc.url);
  });
  after(async () => {
    await svc?.close();
    await workers?.close();
  });

  const leftovers = () => ["incoming", "uploads"].flatMap((d) => readdirSync(join(svc.config.dataDir, d)));
  const jobCount = async () => (await getJson(svc.url, alice, "/jobs")).body.jobs.length;

  async function refused(files: { name: string; data: Uint8Array | string }[] | FormData, status: number, code: string): Promise<{ message: string; hint: string }> {
    const before = await jobCount();
    const res = files instanceof FormData ? await fetch(`${svc.url}/uploads`, { method: "POST", headers: alice.auth, body: files }) : await upload(svc.url, alice, files);
    const body = (await res.json()) as { error: { code: string; message: string; hint: string } };
    assert.equal(res.status, status, JSON.stringify(body));
    assert.equal(body.error.code, code);
    assert.ok(body.error.message.length > 10 && body.error.hint.length > 5);
    assert.deepEqual(leftovers(), [], "nothing kept on disk");
    assert.equal(await jobCount(), before, "no job made");
    return body.error;
  }

  async function finished(files: { name: string; data: Uint8Array | string }[]) {
    const res = await upload(svc.url, alice, files);
    assert.equal(res.status, 202, await res.clone().text());
    const { job } = (await res.json()) as { job: { id: string } };
    const done = (await followEvents(svc.url, alice, job.id)).at(-1)!;
    return { job: done.data, report: (await getJson(svc.url, alice, `/jobs/${job.id}/report`)).body };
  }

  it("accepts a JSONL file with malformed lines and reports each", async () => {
    const lines = [...clean.slice(0, 10), "{not json", '{"title": "no text field"}', "[1, 2]", ...clean.slice(10, 20)];
    const { job, report } = await finished([{ name: "mixed.jsonl", data: lines.join("\n") + "\n" }]);
    assert.equal(job.state, "accepted", JSON.stringify(job.error));
    assert.equal(report.readerIssues.total, 3);
    assert.deepEqual(Object.keys(report.readerIssues.byKind).sort(), ["bad_json", "missing_field", "not_an_object"]);
    assert.deepEqual(report.readerIssues.first.map((i: { line: number }) => i.line), [11, 12, 13]);
  });

  it("skips a line that is not valid UTF-8 and reports it", async () => {
    const bad = Buffer.concat([Buffer.from(clean[20] + "\n"), Buffer.from('{"text": "caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n'), Buffer.from(clean.slice(21, 30).join("\n") + "\n")]);
    const { job, report } = await finished([{ name: "latin1.jsonl", data: bad }]);
    assert.equal(job.state, "accepted", JSON.stringify(job.error));
    assert.equal(report.readerIssues.byKind.invalid_utf8, 1);
    assert.equal(report.readerIssues.first[0].line, 2);
  });

  it("fails a job whose every line is unreadable, saying why", async () => {
    const { job } = await finished([{ name: "broken.jsonl", data: "{oops\n{also not json\n" }]);
    assert.equal(job.state, "failed");
    assert.equal(job.error.status, 422);
    assert.equal(job.error.code, "nothing_readable");
    assert.match(job.error.message, /no document could be read \(2 bad_json\)/);
    assert.deepEqual(leftovers(), []);
  });

  it("refuses a binary file", async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(200, 7)]);
    const e = await refused([{ name: "photo.txt", data: png }], 422, "binary_file");
    assert.match(e.message, /photo\.txt is a binary file/);
    await refused([{ name: "photo.png", data: png }], 415, "unknown_format");
  });

  it("refuses an empty file", async () => {
    const e = await refused([{ name: "empty.jsonl", data: "" }], 422, "empty_file");
    assert.match(e.message, /empty\.jsonl is empty/);
    await refused([{ name: "empty.jsonl.gz", data: gzipSync(Buffer.alloc(0)) }], 422, "empty_file");
  });

  it("refuses a gzip bomb while it is being received", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros in about 64 KiB
    assert.ok(bomb.length < LIMIT);
    const e = await refused([{ name: "bomb.jsonl.gz", data: bomb }], 413, "decompression_limit");
    assert.match(e.message, /decompression bomb/);
  });

  it("refuses a file whose name and bytes disagree", async () => {
    await refused([{ name: "data.jsonl", data: gzipSync(clean.join("\n")) }], 415, "extension_mismatch");
  });

  it("refuses an upload over the size limit, keeping nothing", async () => {
    const big = Buffer.alloc(LIMIT + 1, 0x61);
    const e = await refused([{ name: "big.txt", data: big }], 413, "upload_too_large");
    assert.match(e.message, /256 KiB|0\.3 MiB|262144|larger than/);
    // Together over the limit, each under it.
    await refused([{ name: "a.txt", data: Buffer.alloc(LIMIT / 2 + 10, 0x61) }, { name: "b.txt", data: Buffer.alloc(LIMIT / 2 + 10, 0x62) }], 413, "upload_too_large");
  });

  it("keeps nothing of an upload the client abandons mid-stream", async () => {
    const before = await jobCount();
    let receiving = false;
    const boundary = "----1tt-test-boundary";
    const head = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="cut.jsonl"\r\ncontent-type: application/octet-stream\r\n\r\n`;
    await new Promise<void>((resolve) => {
      const req = request(`${svc.url}/uploads`, {
        method: "POST",
        headers: { ...alice.auth, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": String(200_000) },
      });
      req.on("error", () => resolve());
      req.on("response", () => resolve());
      req.write(head + clean.join("\n").slice(0, 20_000));
      // Cut the connection once the server has begun receiving the file.
      const poll = setInterval(() => {
        const started = readdirSync(join(svc.config.dataDir, "incoming")).some((d) => readdirSync(join(svc.config.dataDir, "incoming", d)).length > 0);
        if (started) {
          clearInterval(poll);
          receiving = true;
          req.destroy();
          resolve();
        }
      }, 5);
      setTimeout(() => {
        clearInterval(poll);
        req.destroy();
        resolve();
      }, 5000);
    });
    assert.ok(receiving, "the server was receiving the file when the client went away");
    // The server notices the disconnect and removes what it had received.
    for (let i = 0; i < 50 && leftovers().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(leftovers(), []);
    assert.equal(await jobCount(), before);
  });

  it("takes the preset a contributor names when this oracle runs it, and refuses another or an unknown one, keeping nothing", async () => {
    const send = async (preset: string) => {
      const form = await signedUploadForm(alice.account, await oracleProgram(svc.url), [{ name: `preset-${preset}.jsonl`, data: datasetJsonl(23) }]);
      form.append("preset", preset);
      return fetch(`${svc.url}/uploads`, { method: "POST", headers: alice.auth, body: form });
    };
    const before = await jobCount();
    for (const [preset, status, code] of [["code", 422, "preset_not_served"], ["poetry", 400, "unknown_preset"]] as const) {
      const res = await send(preset);
      const body = (await res.json()) as { error: { code: string; message: string; hint: string } };
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal(body.error.code, code);
      assert.ok(body.error.hint.length > 10, body.error.hint);
    }
    assert.deepEqual(leftovers(), [], "nothing kept on disk");
    assert.equal(await jobCount(), before, "no job made");
    const res = await send("prose");
    assert.equal(res.status, 202, await res.clone().text());
    const { job } = (await res.json()) as { job: { id: string } };
    assert.equal((await followEvents(svc.url, alice, job.id)).at(-1)!.data.state, "accepted");
  });

  it("refuses an upload that is not multipart, or has no file", async () => {
    const res = await fetch(`${svc.url}/uploads`, { method: "POST", headers: { ...alice.auth, "content-type": "application/json" }, body: "{}" });
    assert.equal(res.status, 415);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, "not_multipart");
    const form = new FormData();
    form.append("note", "hello");
    const empty = await fetch(`${svc.url}/uploads`, { method: "POST", headers: alice.auth, body: form });
    assert.equal(empty.status, 400);
    assert.equal(((await empty.json()) as { error: { code: string } }).error.code, "no_files");
  });

  it("fails a job where nothing survives the filters, with the report saying why", async () => {
    const spam = Array.from({ length: 5 }, (_, i) => JSON.stringify({ text: `buy now buy now buy now ${i}` })).join("\n") + "\n";
    const { job, report } = await finished([{ name: "spam.jsonl", data: spam }]);
    assert.equal(job.state, "failed");
    assert.equal(job.error.code, "nothing_accepted");
    assert.equal(report.documents.in, 5);
    assert.equal(report.documents.out, 0);
  });

  // The contributor's signature of exactly the files received: missing, stale or for something else is refused.
  const data = datasetJsonl(31);
  const files = [{ name: "mine.jsonl", data }];
  const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

  /** A form with `data` as the file and the given signature fields. */
  const formWith = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append("file", new Blob([data]), "mine.jsonl");
    return form;
  };

  it("refuses an upload with no signature", async () => {
    const message = (await refused(formWith({}), 400, "contribution_signature_required")).message;
    assert.match(message, /no contribution signature/);
  });

  it("refuses a signature of other bytes, by another wallet, or for another program", async () => {
    const program = await oracleProgram(svc.url);
    const mine = { sha256: sha256(data), bytes: Buffer.byteLength(data) };
    const other = { sha256: sha256(data + " "), bytes: Buffer.byteLength(data) + 1 };
    const bob = privateKeyToAccount(generatePrivateKey());
    const fields = (p: { signature: string; issuedAt: number }) => ({ signature: p.signature, issuedAt: String(p.issuedAt) });
    const cases = {
      "other bytes": await signContribution(alice.account, program, [other]),
      "another wallet": await signContribution(bob, program, [mine]),
      "another program": await signContribution(alice.account, { ...program, splitter: getAddress(bob.address) }, [mine]),
      "another chain": await signContribution(alice.account, { ...program, chainId: Number(program.chainId) + 1 }, [mine]),
    };
    for (const [what, proof] of Object.entries(cases)) {
      const { message, hint } = await refused(formWith(fields(proof)), 401, "contribution_signature_mismatch");
      assert.match(hint, /Sign the upload again with the contributor's wallet/);
      assert.match(message, new RegExp(`not ${alice.account.address}'s signature of these 1 file`), what);
    }
  });

  it("refuses a signature made long before the upload, or in the future", async () => {
    const program = await oracleProgram(svc.url);
    const mine = [{ sha256: sha256(data), bytes: Buffer.byteLength(data) }];
    const stale = await signContribution(alice.account, program, mine, Date.now() - (CONTRIBUTION_MAX_AGE_SECONDS + 60) * 1000);
    await refused(formWith({ signature: stale.signature, issuedAt: String(stale.issuedAt) }), 400, "contribution_signature_expired");
    const future = await signContribution(alice.account, program, mine, Date.now() + 600_000);
    await refused(formWith({ signature: future.signature, issuedAt: String(future.issuedAt) }), 400, "contribution_signature_not_yet_valid");
    await refused(formWith({ signature: "0x1234", issuedAt: "1" }), 400, "invalid_contribution_signature");
  });

  it("accepts the upload its contributor signed, and the same signed upload again as the same job", async () => {
    const form = await signedUploadForm(alice.account, await oracleProgram(svc.url), files);
    const first = await fetch(`${svc.url}/uploads`, { method: "POST", headers: alice.auth, body: form });
    assert.equal(first.status, 202, await first.clone().text());
    const again = await fetch(`${svc.url}/uploads`, { method: "POST", headers: alice.auth, body: form });
    assert.equal(again.status, 200, await again.clone().text());
    assert.equal(((await again.json()) as { job: { id: string } }).job.id, ((await first.json()) as { job: { id: string } }).job.id);
  });
});
