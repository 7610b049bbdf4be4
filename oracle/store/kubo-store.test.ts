// The Kubo backend against a local HTTP server that speaks the RPC endpoints it uses
// (testing/fake-kubo.ts). No real Kubo runs here; see that file for what this does not prove.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collect } from "./bytes.ts";
import { computeCid } from "./compute-cid.ts";
import { EmbeddedStore } from "./embedded/embedded-store.ts";
import { CidMismatchError, CidNotFoundError, StoreUnreachableError } from "./errors.ts";
import { KuboStore } from "./kubo/kubo-store.ts";
import { FakeKubo } from "./testing/fake-kubo.ts";
import { patternBytes } from "./testing/kubo-random-bytes.ts";

const MIB = 1 << 20;
const text = (s: string) => new TextEncoder().encode(s);

let node: FakeKubo;
let store: KuboStore;
let tmp: string;

before(async () => {
  node = new FakeKubo();
  store = new KuboStore(await node.start());
  tmp = await mkdtemp(join(tmpdir(), "1tt-kubo-test-"));
});
after(async () => {
  await store.close();
  await node.stop();
  await rm(tmp, { recursive: true, force: true });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("Kubo store (against a stand-in for Kubo's RPC API)", () => {
  it("sends the unixfs-v1-2025 import options to /api/v0/add, unpinned, then pins the CID it computed", async () => {
    const data = patternBytes(3 * MIB + 1, 8);
    const cid = await store.add(data);
    assert.equal(cid.toString(), (await computeCid(data)).toString());

    const add = node.calls("/api/v0/add").at(-1)!.query;
    assert.equal(add.get("cid-version"), "1");
    assert.equal(add.get("raw-leaves"), "true");
    assert.equal(add.get("chunker"), "size-1048576");
    assert.equal(add.get("max-file-links"), "1024");
    assert.equal(add.get("hash"), "sha2-256");
    assert.equal(add.get("trickle"), "false");
    assert.equal(add.get("pin"), "false", "nothing is pinned before the CID is checked");
    assert.equal(node.calls("/api/v0/pin/add").at(-1)!.query.get("arg"), cid.toString());
    assert.equal(await store.isPinned(cid), true);
  });

  it("refuses a node that imports with other settings: CidMismatchError, and nothing pinned", async () => {
    const careless = new FakeKubo({ ignoreImportOptions: true });
    const other = new KuboStore(await careless.start());
    const data = text("hello world");
    await assert.rejects(other.add(data), (err: unknown) => {
      assert.ok(err instanceof CidMismatchError);
      assert.equal(err.expected, "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
      assert.equal(err.actual, "Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD", "Kubo's default-profile CID");
      assert.match(err.message, /returned CID Qmf412/);
      return true;
    });
    assert.equal(careless.pins.size, 0);
    assert.equal(careless.calls("/api/v0/pin/add").length, 0);
    await careless.stop();
  });

  it("streams a file through get (cat), and reports unknown content as CidNotFoundError", async () => {
    const data = patternBytes(2 * MIB + 3, 4);
    const cid = await store.add(data);
    assert.deepEqual(new Uint8Array(await collect(store.get(cid))), data);
    const absent = await computeCid(text("never added"));
    await assert.rejects(collect(store.get(absent)), CidNotFoundError);
  });

  it("answers has() for what it pinned from pin/ls, which Kubo and js-ipfs both serve", async () => {
    const cid = await store.add(text("pinned and present"));
    const statsBefore = node.calls("/api/v0/files/stat").length;
    assert.equal(await store.has(cid), true);
    assert.equal(node.calls("/api/v0/pin/ls").at(-1)!.query.get("arg"), cid.toString());
    assert.equal(node.calls("/api/v0/files/stat").length, statsBefore, "no files/stat for pinned content");
  });

  it("asks has() of unpinned content offline with with-local, so only a complete local DAG counts", async () => {
    const cid = await store.add(text("present"), { pin: false });
    assert.equal(await store.has(cid), true);
    const stat = node.calls("/api/v0/files/stat").at(-1)!.query;
    assert.equal(stat.get("arg"), `/ipfs/${cid}`);
    assert.equal(stat.get("with-local"), "true");
    assert.equal(stat.get("offline"), "true");
    assert.equal(await store.has(await computeCid(text("absent"))), false);
  });

  it("pins, unpins and answers isPinned", async () => {
    const cid = await store.add(text("pin me later"), { pin: false });
    assert.equal(await store.isPinned(cid), false);
    await store.pin(cid);
    assert.equal(await store.isPinned(cid), true);
    await store.unpin(cid);
    assert.equal(await store.isPinned(cid), false);
    await store.unpin(cid); // unpinning twice is not an error
  });

  it("moves content from the embedded store into the node as a CAR (dag/import), and exports it back", async () => {
    const embedded = await EmbeddedStore.open(join(tmp, "embedded"));
    const files = [text("manifest"), patternBytes(3 * MIB, 77)];
    const cids = [];
    for (const f of files) cids.push(await embedded.add(f));

    const roots = await store.importCar(embedded.exportCar(cids));
    assert.deepEqual(roots.map(String), cids.map(String));
    for (const [i, cid] of cids.entries()) {
      assert.equal(await store.isPinned(cid), true);
      assert.deepEqual(new Uint8Array(await collect(store.get(cid))), files[i]);
    }

    const back = await EmbeddedStore.open(join(tmp, "back"));
    assert.deepEqual((await back.importCar(store.exportCar(cids))).map(String), cids.map(String));
    for (const [i, cid] of cids.entries()) assert.deepEqual(await collect(back.get(cid)), files[i]);
    await embedded.close();
    await back.close();
  });

  it("reports the source's own error when the data stream fails halfway through an add", async () => {
    const before = node.calls("/api/v0/pin/add").length;
    async function* failing() {
      yield patternBytes(MIB, 1);
      throw new Error("disk read failed");
    }
    await assert.rejects(store.add(failing()), /disk read failed/);
    assert.equal(node.calls("/api/v0/pin/add").length, before, "nothing pinned");
  });

  it("fails exportCar with CidNotFoundError for a root the node does not hold", async () => {
    const absent = await computeCid(text("not on the node"));
    await assert.rejects(collect(store.exportCar([absent])), CidNotFoundError);
  });

  it("names the URL and what to do when the node refuses connections", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const down = new KuboStore(url);
    await assert.rejects(down.add(text("anything")), (err: unknown) => {
      assert.ok(err instanceof StoreUnreachableError, String(err));
      assert.equal(err.url, url);
      assert.match(err.message, new RegExp(`Cannot reach the IPFS node's RPC API at ${url}`));
      assert.match(err.message, /ECONNREFUSED/);
      assert.match(err.message, /ipfs daemon/);
      return true;
    });
    await assert.rejects(down.ping(), StoreUnreachableError);
    await assert.rejects(collect(down.get("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e")), StoreUnreachableError);
  });

  it("never hangs on content a node keeps looking for: reads, has() and pin() end after the lookup timeout", async () => {
    // A node searching the network for a block it lacks accepts the request and answers nothing.
    const silent = createServer((socket) => socket.on("data", () => {}));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const searching = new KuboStore(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`, { lookupTimeoutMs: 300 });
    const absent = await computeCid(text("nowhere on the network"));
    try {
      const sentNothing = (e: Error) => e instanceof CidNotFoundError && /sent nothing for 0.3 s/.test(String((e.cause as Error).message));
      await assert.rejects(collect(searching.get(absent)), sentNothing);
      await assert.rejects(collect(searching.exportCar([absent])), sentNothing);
      await assert.rejects(searching.pin(absent), CidNotFoundError);
      await assert.rejects(searching.has(absent), /pin\/ls.*did not answer within 0.3 s/s);
    } finally {
      silent.close();
    }
  });
});
