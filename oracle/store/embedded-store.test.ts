import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { base32upper } from "multiformats/bases/base32";
import * as dagPb from "@ipld/dag-pb";
import type { CID } from "multiformats/cid";
import { collect } from "./bytes.ts";
import { computeCid } from "./compute-cid.ts";
import { EmbeddedStore } from "./embedded/embedded-store.ts";
import {
  BlockCorruptError,
  CidNotFoundError,
  InvalidCidError,
  InvalidStoreConfigError,
} from "./errors.ts";
import { patternBytes } from "./testing/kubo-random-bytes.ts";

const MIB = 1 << 20;
let root: string;
const folders: string[] = [];

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(root, "store-"));
  folders.push(dir);
  return dir;
}

/** Path of a block's file in blockstore-fs's layout (base32 multihash, last 2 chars as folder). */
function blockPath(dir: string, cid: CID): string {
  const name = base32upper.encoder.encode(cid.multihash.bytes);
  return join(dir, "blocks", name.slice(-2), `${name}.data`);
}

async function* slowly(source: AsyncIterable<Uint8Array>, every: number) {
  let n = 0;
  for await (const piece of source) {
    if (++n % every === 0) await new Promise((r) => setTimeout(r, 2));
    yield piece;
  }
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), "1tt-store-test-"));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("embedded store", () => {
  it("gives back the same bytes under the CID computeCid gives, for empty, small and multi-chunk files", async () => {
    const store = await EmbeddedStore.open(await freshDir());
    for (const data of [new Uint8Array(0), new TextEncoder().encode("hello world"), patternBytes(3 * MIB + 17, 5)]) {
      const cid = await store.add(data);
      assert.equal(cid.toString(), (await computeCid(data)).toString());
      assert.deepEqual(await collect(store.get(cid)), data);
      assert.deepEqual(await collect(store.get(cid.toString())), data, "a CID string works too");
      assert.equal(await store.has(cid), true);
    }
    await store.close();
  });

  it("streams a 256 MiB add and a slow 256 MiB get without holding the file in memory", async (t) => {
    const store = await EmbeddedStore.open(await freshDir());
    const size = 256 * MIB;
    async function* source() {
      const piece = patternBytes(MIB, 11);
      for (let i = 0; i < size / MIB; i++) {
        piece[0] = i & 0xff; // every chunk different
        yield piece.slice();
      }
    }
    let peak = 0;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    };
    const timer = setInterval(sample, 5);
    const base = process.memoryUsage().arrayBuffers;
    const cid = await store.add(source());
    let read = 0;
    for await (const piece of slowly(store.get(cid), 1)) read += piece.byteLength;
    clearInterval(timer);
    sample();
    assert.equal(read, size);
    assert.equal(cid.toString(), (await computeCid(source())).toString());
    t.diagnostic(`buffers peaked ${((peak - base) / MIB).toFixed(1)} MiB above the start`);
    assert.ok(peak - base < 96 * MIB, `buffers peaked ${((peak - base) / MIB).toFixed(0)} MiB above the start`);
    await store.close();
  });

  it("fails with CidNotFoundError for content it does not hold, and InvalidCidError for a non-CID", async () => {
    const store = await EmbeddedStore.open(await freshDir());
    const absent = await computeCid(new TextEncoder().encode("never added"));
    await assert.rejects(collect(store.get(absent)), CidNotFoundError);
    assert.equal(await store.has(absent), false);
    await assert.rejects(store.pin(absent), CidNotFoundError);
    await assert.rejects(collect(store.get("not-a-cid")), InvalidCidError);
    await assert.rejects(store.has("Qm-nope"), InvalidCidError);
    await store.close();
  });

  it("reports a DAG with a missing leaf as absent and names the missing block", async () => {
    const dir = await freshDir();
    const store = await EmbeddedStore.open(dir);
    const data = patternBytes(3 * MIB, 21);
    const cid = await store.add(data, { pin: false });
    const rootBlock = dagPb.decode(await collect(readBlock(dir, cid)));
    const secondLeaf = rootBlock.Links[1].Hash;
    await rm(blockPath(dir, secondLeaf));

    assert.equal(await store.has(cid), false);
    await assert.rejects(store.pin(cid), (err: CidNotFoundError) => err.missing === secondLeaf.toString());
    await assert.rejects(collect(store.get(cid)), (err: unknown) => {
      assert.ok(err instanceof CidNotFoundError);
      assert.equal(err.cid, cid.toString());
      assert.equal(err.missing, secondLeaf.toString());
      assert.match(err.message, /incomplete/);
      return true;
    });
    await store.close();
  });

  it("refuses a block whose bytes no longer match its CID", async () => {
    const dir = await freshDir();
    const store = await EmbeddedStore.open(dir);
    const cid = await store.add(new TextEncoder().encode("tamper with me"));
    await writeFile(blockPath(dir, cid), "tampered");
    await assert.rejects(collect(store.get(cid)), BlockCorruptError);
    await store.close();
  });

  it("keeps pins across a restart, and pins only when asked", async () => {
    const dir = await freshDir();
    const first = await EmbeddedStore.open(dir);
    const kept = await first.add(new TextEncoder().encode("keep me"));
    const loose = await first.add(new TextEncoder().encode("do not keep me"), { pin: false });
    assert.equal(await first.isPinned(kept), true);
    assert.equal(await first.isPinned(loose), false);
    await first.close();

    const second = await EmbeddedStore.open(dir);
    assert.equal(await second.isPinned(kept), true);
    assert.equal(await second.isPinned(loose), false);
    await second.pin(loose);
    assert.deepEqual((await second.pins()).map(String).sort(), [kept.toString(), loose.toString()].sort());
    await second.unpin(kept);
    assert.equal(await second.isPinned(kept), false);
    assert.equal(await second.has(kept), true, "unpinning does not delete");
    assert.deepEqual((await readdir(join(dir, "pins"))).filter((n) => n.startsWith(".")), [], "no temp files left");
    await second.close();
  });

  it("refuses a folder written by another format", async () => {
    const dir = await freshDir();
    await writeFile(join(dir, "store.json"), JSON.stringify({ format: "something-else" }));
    await assert.rejects(EmbeddedStore.open(dir), InvalidStoreConfigError);
  });

  it("stops an add when its signal is aborted", async () => {
    const store = await EmbeddedStore.open(await freshDir());
    const controller = new AbortController();
    async function* endless() {
      for (let i = 0; ; i++) {
        if (i === 3) controller.abort();
        yield patternBytes(MIB, i + 1);
      }
    }
    await assert.rejects(store.add(endless(), { signal: controller.signal }), { name: "AbortError" });
    await store.close();
  });
});

async function* readBlock(dir: string, cid: CID) {
  const { readFile } = await import("node:fs/promises");
  yield new Uint8Array(await readFile(blockPath(dir, cid)));
}
