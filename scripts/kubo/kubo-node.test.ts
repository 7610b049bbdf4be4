// The Kubo backend against a real IPFS RPC server that no one here wrote (js-ipfs 0.66, started by
// scripts/kubo/test-kubo.ts; any node at IPFS_API_URL will do). Where js-ipfs differs from Kubo,
// the test says so and checks the store copes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { collect } from "../../oracle/store/bytes.ts";
import { computeCid } from "../../oracle/store/compute-cid.ts";
import { CidNotFoundError } from "../../oracle/store/errors.ts";
import { KuboStore } from "../../oracle/store/kubo/kubo-store.ts";
import { patternBytes } from "../../oracle/store/testing/kubo-random-bytes.ts";

const api = process.env.IPFS_API_URL;
if (!api) throw new Error("IPFS_API_URL is not set: run `npm run test:kubo`, which starts a node and sets it");
const MIB = 1 << 20;
const text = (s: string) => new TextEncoder().encode(s);
let store: KuboStore;

before(async () => {
  store = new KuboStore(api, { lookupTimeoutMs: 2_000 });
  await store.ping();
});
after(() => store.close());

describe(`the Kubo store against the IPFS node at ${api}`, () => {
  it("stores a file of several chunks under the CID the oracle computes itself, pins it and reads it back", async () => {
    const data = patternBytes(5 * MIB + 7, 21);
    const cid = await store.add(data);
    assert.equal(cid.toString(), (await computeCid(data)).toString());
    assert.equal(await store.isPinned(cid), true);
    assert.deepEqual(new Uint8Array(await collect(store.get(cid))), data);
  });

  it("matches Kubo's published CID for `hello world`", async () => {
    assert.equal((await store.add(text("hello world"))).toString(), "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
  });

  it("answers has() for what it stored from pin/ls, although this node ignores files/stat's with-local", async () => {
    const cid = await store.add(text("stored by the oracle"));
    assert.equal(await store.has(cid), true);
    // The difference from Kubo: the node answers files/stat without locality.
    const res = await fetch(`${api}/api/v0/files/stat?arg=/ipfs/${cid}&with-local=true&offline=true`, { method: "POST" });
    const stat = (await res.json()) as { WithLocality?: boolean; Local?: boolean };
    assert.notEqual(stat.WithLocality, true, "js-ipfs now reports locality: has() could use it again");
  });

  it("reports content it never stored as CidNotFoundError within the lookup timeout, for get and exportCar, and has() false", async () => {
    const absent = await computeCid(text(`never stored ${Date.now()}`));
    const started = Date.now();
    await assert.rejects(collect(store.get(absent)), CidNotFoundError);
    await assert.rejects(collect(store.exportCar([absent])), CidNotFoundError);
    assert.equal(await store.has(absent), false);
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  });

  it("exports a CAR and imports it back, pinned", async () => {
    const data = patternBytes(2 * MIB + 1, 22);
    const cid = await store.add(data);
    const car = new Uint8Array(await collect(store.exportCar([cid])));
    await store.unpin(cid);
    assert.equal(await store.isPinned(cid), false);
    const roots = await store.importCar(car);
    assert.deepEqual(roots.map(String), [cid.toString()]);
    assert.equal(await store.isPinned(cid), true);
  });
});
