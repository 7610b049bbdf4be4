// The service end to end over real HTTP: sign in, upload, follow the job, read its report and
// content; idempotent uploads; jobs bound to the signed-in address.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { PassThrough } from "node:stream";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { runPipeline } from "../pipeline/run/run.ts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { KeyEnvelopeError } from "../crypto/index.ts";
import { countsOnly } from "./jobs/report-counts.ts";
import { datasetJsonl, followEvents, getJson, readSealed, signIn, startService, upload, type SignedIn, type TestService } from "./testing.ts";

describe("oracle service", () => {
  let workers: PipelineWorkers;
  let svc: TestService;
  let alice: SignedIn;
  const data = datasetJsonl(7);

  before(async () => {
    workers = await PipelineWorkers.start({}, 1);
    svc = await startService(workers);
    alice = await signIn(svc.url, privateKeyToAccount(generatePrivateKey()));
  });
  after(async () => {
    await svc?.close();
    await workers?.close();
  });

  let jobId = "";

  it("accepts an upload, streams its progress and ends with the report the pipeline gives", async () => {
    const res = await upload(svc.url, alice, [{ name: "forum.jsonl", data }]);
    assert.equal(res.status, 202);
    const { job, existing } = (await res.json()) as { job: { id: string; state: string; contributor: string }; existing: boolean };
    assert.equal(existing, false);
    assert.equal(job.contributor, alice.account.address);
    jobId = job.id;

    const events = await followEvents(svc.url, alice, jobId);
    const done = events.at(-1)!;
    assert.equal(done.event, "done");
    assert.equal(done.data.state, "accepted", JSON.stringify(done.data.error));
    const progress = events.filter((e) => e.event === "progress").map((e) => e.data);
    assert.ok(progress.length >= 1);
    const last = progress.at(-1)!;
    assert.equal(last.bytesRead, Buffer.byteLength(data));
    assert.ok(last.documents > 0 && last.kept > 0 && last.tokensOut > 0);
    assert.ok(Object.keys(last.removedByRule).length > 0, "the test set has documents the filters remove");

    // The same bytes through the pipeline directly, from an empty state, give the same report.
    const reference = await runPipeline({ config: {}, inputs: [{ source: [Buffer.from(data)] as unknown as AsyncIterable<Uint8Array>, name: "forum.jsonl" }], output: new PassThrough().resume(), sequence: 0, workers });
    const report = await getJson(svc.url, alice, `/jobs/${jobId}/report`);
    assert.equal(report.status, 200);
    assert.deepEqual(report.body, JSON.parse(JSON.stringify(countsOnly(reference.report))), "the service keeps the report's counts, never its excerpts");
    assert.equal(done.data.result.tokens.out, reference.report.tokens.out);
    assert.equal(done.data.result.sequence, 0);
    assert.equal(last.tokensOut, reference.report.tokens.out);
  });

  it("gives the status of a finished job, and its stored content back by CID, encrypted for the contributor", async () => {
    const { status, body: job } = await getJson(svc.url, alice, `/jobs/${jobId}`);
    assert.equal(status, 200);
    assert.equal(job.state, "accepted");
    assert.equal(job.stage, "done");
    assert.match(job.result.reportCid, /^baf/);
    assert.match(job.result.keysCid, /^baf/);
    assert.match(job.result.privateKeysCid, /^baf/);
    // Public, as on an IPFS gateway: ciphertext only.
    const raw = await fetch(`${svc.url}/ipfs/${job.result.rawCids[0]}`);
    assert.equal(raw.status, 200);
    assert.equal(raw.headers.get("access-control-allow-origin"), "*");
    const sealed = Buffer.from(await raw.arrayBuffer());
    assert.equal(sealed.subarray(0, 4).toString("latin1"), "1TTe");
    assert.equal(sealed.includes(Buffer.from(data.slice(0, 40))), false, "the stored raw file holds no plaintext");
    // The contributor's registered reader key opens every file of the submission.
    assert.equal(await readSealed(svc.url, job.result.privateKeysCid, job.result.rawCids[0], alice.readerKey!.privateKey), data);
    const filtered = await readSealed(svc.url, job.result.keysCid, job.result.filteredCid, alice.readerKey!.privateKey);
    assert.equal(filtered.trim().split("\n").length, job.result.documents);
    const report = JSON.parse(await readSealed(svc.url, job.result.privateKeysCid, job.result.reportCid, alice.readerKey!.privateKey));
    assert.equal(report.tokens.out, job.result.tokens.out);
    for (const cid of [job.result.keysCid, job.result.privateKeysCid]) {
      const envelope = await getJson(svc.url, null, `/ipfs/${cid}`);
      assert.deepEqual(envelope.body.readers.map((r: { role: string }) => r.role), ["contributor"], "without a program, the contributor is the only reader configured");
    }
  });

  it("returns the same job for the same upload from the same contributor", async () => {
    const res = await upload(svc.url, alice, [{ name: "forum.jsonl", data }]);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { job: { id: string }; existing: boolean };
    assert.equal(body.existing, true);
    assert.equal(body.job.id, jobId);
    const stats = await getJson(svc.url, null, "/stats");
    assert.equal(stats.body.submissions, 1);
  });

  it("answers another address's job with 404, as if it did not exist", async () => {
    const bob = await signIn(svc.url);
    for (const path of [`/jobs/${jobId}`, `/jobs/${jobId}/report`, `/jobs/${jobId}/events`]) {
      const res = await getJson(svc.url, bob, path);
      assert.equal(res.status, 404, path);
      assert.equal(res.body.error.code, "job_not_found");
    }
    // Bob can fetch the ciphertext, like anyone on IPFS, but his reader key is not in the envelope.
    const { privateKeysCid, rawCids } = (await getJson(svc.url, alice, `/jobs/${jobId}`)).body.result;
    await assert.rejects(readSealed(svc.url, privateKeysCid, rawCids[0], bob.readerKey!.privateKey), (e) => e instanceof KeyEnvelopeError && e.code === "not_a_reader");
    const none = await getJson(svc.url, bob, "/jobs/00000000-0000-4000-8000-000000000000");
    assert.equal(none.status, 404);
    assert.equal(none.body.error.code, "job_not_found");
    const unknown = await getJson(svc.url, null, "/ipfs/bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
    assert.equal(unknown.status, 404, "the oracle serves only what it stored");
  });

  it("lets another contributor upload the same bytes, and dedups them against the first", async () => {
    const carol = await signIn(svc.url);
    const fresh = datasetJsonl(8).split("\n").filter(Boolean).slice(0, 20).map((l) => JSON.parse(l).text as string);
    const csv = "id,text\n" + fresh.map((t, i) => `${i},"${t.replaceAll('"', '""')}"`).join("\n") + "\n";
    const res = await upload(svc.url, carol, [{ name: "copy.jsonl.gz", data: gzipSync(data) }, { name: "notes.csv", data: csv }]);
    assert.equal(res.status, 202);
    const { job } = (await res.json()) as { job: { id: string } };
    const done = (await followEvents(svc.url, carol, job.id)).at(-1)!;
    assert.equal(done.data.state, "accepted", JSON.stringify(done.data.error));
    assert.equal(done.data.result.sequence, 1);
    const report = (await getJson(svc.url, carol, `/jobs/${job.id}/report`)).body;
    assert.ok(report.duplicates.exact.across.documents > 0, "the copy is recognised as data accepted before");
    const subs = await getJson(svc.url, null, `/contributors/${carol.account.address.toLowerCase()}/submissions`);
    assert.equal(subs.status, 200);
    assert.equal(subs.body.submissions.length, 1);
    assert.equal(subs.body.cumulativeTokens, done.data.result.tokens.out);
  });

  it("refuses requests without a session with 401 and a way to sign in", async () => {
    const res = await fetch(`${svc.url}/jobs`);
    assert.equal(res.status, 401);
    const body = (await res.json()) as { error: { code: string; hint: string } };
    assert.equal(body.error.code, "not_signed_in");
    assert.match(body.error.hint, /session\/nonce/);
  });

  it("signs out: the token stops working", async () => {
    const dave = await signIn(svc.url);
    assert.equal((await getJson(svc.url, dave, "/session/me")).body.address, dave.account.address);
    const out = await fetch(`${svc.url}/session/logout`, { method: "POST", headers: dave.auth });
    assert.equal(out.status, 204);
    assert.equal((await getJson(svc.url, dave, "/session/me")).status, 401);
  });

  it("serves stats, health and an OpenAPI description of every route", async () => {
    const stats = await getJson(svc.url, null, "/stats");
    assert.equal(stats.body.submissions, 2);
    assert.equal(stats.body.contributors, 2);
    assert.equal(stats.body.jobs.accepted, 2);
    const health = await getJson(svc.url, null, "/health");
    assert.equal(health.status, 200);
    assert.equal(health.body.status, "ok");
    const api = await getJson(svc.url, null, "/openapi.json");
    assert.equal(api.body.openapi, "3.0.3");
    for (const path of ["/session/nonce", "/session/verify", "/uploads", "/jobs/{id}", "/jobs/{id}/events", "/jobs/{id}/report", "/stats", "/manifests/{cid}", "/ipfs/{cid}", "/session/reader-key", "/health"]) {
      assert.ok(api.body.paths[path], `${path} is described`);
    }
    const bad = await getJson(svc.url, null, "/contributors/0x123/submissions");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, "invalid_request");
  });
});
