// Contributors' reader keys over HTTP: registration, the upload that is refused without one, a job
// keeping the key it was uploaded with, and the database of an older oracle brought up to date.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { encodePublicKey, generateReaderKey } from "../crypto/index.ts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { datasetJsonl, followEvents, getJson, readSealed, signIn, startService, upload, type TestService } from "./testing.ts";

const put = (url: string, auth: Record<string, string>, body: unknown) =>
  fetch(`${url}/session/reader-key`, { method: "PUT", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });

describe("contributors' reader keys", () => {
  let workers: PipelineWorkers;
  let svc: TestService;

  before(async () => {
    workers = await PipelineWorkers.start({}, 1);
    svc = await startService(workers);
  });
  after(async () => {
    await svc?.close();
    await workers?.close();
  });

  it("refuses an upload before a reader key is registered, and keeps nothing of it", async () => {
    const dave = await signIn(svc.url, undefined, { readerKey: null });
    const none = await getJson(svc.url, dave, "/session/reader-key");
    assert.equal(none.status, 404);
    assert.match(none.body.error.hint, /PUT \/session\/reader-key/);
    const res = await upload(svc.url, dave, [{ name: "a.jsonl", data: datasetJsonl(3) }]);
    assert.equal(res.status, 409);
    const body = (await res.json()) as { error: { code: string; hint: string } };
    assert.equal(body.error.code, "reader_key_required");
    assert.match(body.error.hint, /reader key/);
    assert.deepEqual((await getJson(svc.url, dave, "/jobs")).body.jobs, []);
    const incoming = join(svc.dir, "oracle", "incoming");
    assert.ok(!existsSync(incoming) || readdirSync(incoming).length === 0, "no upload file is left behind");
  });

  it("tells a page its session and reader key with 200 whether signed in or not, so nothing expected reads as a failure", async () => {
    assert.deepEqual(await getJson(svc.url, null, "/session"), { status: 200, body: { address: null, expiresAt: null, readerKey: null } });
    const grace = await signIn(svc.url, undefined, { readerKey: null });
    const signedIn = await getJson(svc.url, grace, "/session");
    assert.equal(signedIn.status, 200);
    assert.equal(signedIn.body.address, grace.account.address);
    assert.ok(Date.parse(signedIn.body.expiresAt) > Date.now());
    assert.equal(signedIn.body.readerKey, null);
    const key = encodePublicKey(generateReaderKey().publicKey);
    assert.equal((await put(svc.url, grace.auth, { publicKey: key })).status, 200);
    assert.equal((await getJson(svc.url, grace, "/session")).body.readerKey.publicKey, key);
  });

  it("refuses keys that cannot receive a wrapped key, saying why", async () => {
    const erin = await signIn(svc.url, undefined, { readerKey: null });
    const lowOrder = await put(svc.url, erin.auth, { publicKey: `0x${"00".repeat(32)}` });
    assert.equal(lowOrder.status, 400);
    assert.equal(((await lowOrder.json()) as { error: { code: string } }).error.code, "bad_reader_key");
    const short = await put(svc.url, erin.auth, { publicKey: "0x1234" });
    assert.equal(short.status, 400);
    const anonymous = await put(svc.url, {}, { publicKey: encodePublicKey(generateReaderKey().publicKey) });
    assert.equal(anonymous.status, 401);
    assert.equal((await getJson(svc.url, erin, "/session/reader-key")).status, 404);
  });

  it("wraps each upload's key for the reader key registered when it was uploaded", async () => {
    const first = generateReaderKey();
    const frank = await signIn(svc.url, undefined, { readerKey: first });
    const registered = await getJson(svc.url, frank, "/session/reader-key");
    assert.equal(registered.status, 200);
    assert.equal(registered.body.publicKey, encodePublicKey(first.publicKey));
    assert.equal(registered.body.address, frank.account.address);

    const data = datasetJsonl(21);
    const res = await upload(svc.url, frank, [{ name: "first.jsonl", data }]);
    assert.equal(res.status, 202);
    const { job } = (await res.json()) as { job: { id: string } };
    // The key changes while the job waits or runs: the job keeps the one it was uploaded with.
    const second = generateReaderKey();
    assert.equal((await put(svc.url, frank.auth, { publicKey: encodePublicKey(second.publicKey) })).status, 200);
    const done = (await followEvents(svc.url, frank, job.id)).at(-1)!;
    assert.equal(done.data.state, "accepted", JSON.stringify(done.data.error));
    const { privateKeysCid, rawCids } = done.data.result;
    assert.equal(await readSealed(svc.url, privateKeysCid, rawCids[0], first.privateKey), data);
    await assert.rejects(readSealed(svc.url, privateKeysCid, rawCids[0], second.privateKey), /not one of this envelope's readers/);

    const later = datasetJsonl(22);
    const again = (await (await upload(svc.url, frank, [{ name: "second.jsonl", data: later }])).json()) as { job: { id: string } };
    const next = (await followEvents(svc.url, frank, again.job.id)).at(-1)!;
    assert.equal(next.data.state, "accepted", JSON.stringify(next.data.error));
    assert.equal(await readSealed(svc.url, next.data.result.privateKeysCid, next.data.result.rawCids[0], second.privateKey), later);
  });
});
