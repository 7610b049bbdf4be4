// Input at the edges: sign-in messages that say one thing and show another, file names that
// look alike or read backwards, CIDs in upper case, a quota that counts jobs rather than
// attempts, and authentication before a body is even validated.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { base32upper } from "multiformats/bases/base32";
import { CID } from "multiformats/cid";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { datasetJsonl, followEvents, ORIGIN, serviceForSuite, siweMessage, upload, verify } from "./testing.ts";

type ErrorBody = { error: { code: string; message: string; hint: string } };

describe("input at the edges", () => {
  const f = serviceForSuite({ RATE_LIMIT_UPLOADS_PER_HOUR: "2" });

  it("refuses a sign-in message with a second URI line before the real one", async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const honest = await siweMessage(f.svc.url, account);
    const forged = honest.replace(`URI: ${ORIGIN}/`, `URI: https://evil.example/\nURI: ${ORIGIN}/`);
    const res = await verify(f.svc.url, forged, await account.signMessage({ message: forged }));
    assert.equal(res.status, 400);
    const body = (await res.json()) as ErrorBody;
    assert.equal(body.error.code, "invalid_siwe_message");
    assert.match(body.error.message, /more than one URI line/);
  });

  it("refuses a sign-in message whose address is not checksummed", async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const message = (await siweMessage(f.svc.url, account)).replace(account.address, account.address.toLowerCase());
    const res = await verify(f.svc.url, message, await account.signMessage({ message }));
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as ErrorBody).error.message, /EIP-55/);
  });

  it("answers 401 to a request without a session before looking at its body", async () => {
    const res = await fetch(`${f.svc.url}/session/reader-key`, { method: "PUT", headers: { "content-type": "application/json" }, body: "{not json" });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as ErrorBody).error.code, "not_signed_in");
  });

  it("treats café.jsonl in NFC and NFD as one name, drops direction controls, and counts jobs made, not refusals, toward the hourly quota", async () => {
    const line = datasetJsonl(6).split("\n").slice(0, 20).join("\n") + "\n";
    const twice = await upload(f.svc.url, f.alice, [{ name: "caf\u00e9.jsonl", data: line }, { name: "cafe\u0301.jsonl", data: line + line }]);
    assert.equal(twice.status, 400);
    assert.equal(((await twice.json()) as ErrorBody).error.code, "duplicate_file_name");
    for (let i = 0; i < 3; i++) {
      const refused = await upload(f.svc.url, f.alice, [{ name: "photo.png", data: "not text" }]);
      assert.equal(refused.status, 415);
    }
    const res = await upload(f.svc.url, f.alice, [{ name: "report\u202Elsonj.jsonl", data: line }]);
    assert.equal(res.status, 202, "three refusals cost nothing of a quota of two");
    const { job } = (await res.json()) as { job: { id: string; files: { name: string }[] } };
    assert.equal(job.files[0].name, "reportlsonj.jsonl");
    const done = (await followEvents(f.svc.url, f.alice, job.id)).at(-1)!.data;
    assert.equal((await upload(f.svc.url, f.alice, [{ name: "b.jsonl", data: datasetJsonl(7) }])).status, 202);
    const third = await upload(f.svc.url, f.alice, [{ name: "c.jsonl", data: datasetJsonl(8) }]);
    assert.equal(third.status, 429);
    assert.ok(Number(third.headers.get("retry-after")) > 0);

    // Upper-case base32 is the same CID.
    const cid = done.result.rawCids[0] as string;
    const upper = CID.parse(cid).toString(base32upper);
    assert.equal((await fetch(`${f.svc.url}/ipfs/${upper}`)).status, 200);
  });
});
