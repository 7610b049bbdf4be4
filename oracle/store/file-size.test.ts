import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UnixFS } from "ipfs-unixfs";
import { EmbeddedStore } from "./embedded/embedded-store.ts";
import { patternBytes } from "./testing/kubo-random-bytes.ts";

const MIB = 1 << 20;

/**
 * `mebibytes` copies of one 1 MiB block, then a tail of other bytes. Every full chunk is the
 * same leaf, so the store writes one leaf block however large the file: a file of more than
 * 2 GiB costs its hashing, not its disk space.
 */
async function* repeated(block: Uint8Array, mebibytes: number, tail: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < mebibytes; i++) yield block;
  yield tail;
}

/** Checks a stream against the bytes `repeated` gave, piece by piece, whatever the cut. */
async function assertSameBytes(actual: AsyncIterable<Uint8Array>, block: Uint8Array, mebibytes: number, tail: Uint8Array): Promise<number> {
  const total = mebibytes * MIB + tail.byteLength;
  let at = 0;
  for await (const piece of actual) {
    for (let i = 0; i < piece.byteLength; ) {
      const inBlock = at < mebibytes * MIB;
      const source = inBlock ? block : tail;
      const offset = inBlock ? at % MIB : at - mebibytes * MIB;
      const n = Math.min(piece.byteLength - i, source.byteLength - offset);
      if (Buffer.compare(piece.subarray(i, i + n), source.subarray(offset, offset + n)) !== 0) {
        assert.fail(`the bytes read back differ from those stored within ${n} bytes of offset ${at}`);
      }
      i += n;
      at += n;
    }
  }
  assert.equal(at, total, "as many bytes read back as stored");
  return at;
}

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), "1tt-file-size-"));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("file sizes past 2^31 bytes", () => {
  for (const [name, size] of [["2^31 − 1", 2n ** 31n - 1n], ["2^31", 2n ** 31n], ["2^32 − 1", 2n ** 32n - 1n], ["2^32", 2n ** 32n], ["2^40", 2n ** 40n]] as const) {
    it(`a UnixFS file node of ${name} bytes decodes to the size it was written with`, () => {
      const node = new UnixFS({ type: "file", blockSizes: [size] });
      const decoded = UnixFS.unmarshal(node.marshal());
      assert.equal(decoded.fileSize(), size);
      assert.deepEqual(decoded.blockSizes, [size]);
    });
  }

  it("stores a file of 2 GiB and a little more and reads it back byte for byte", async () => {
    const store = await EmbeddedStore.open(join(root, "store"));
    const block = patternBytes(MIB, 12);
    const tail = patternBytes(100_003, 7);
    const mebibytes = 2048 + 3;
    const cid = await store.add(repeated(block, mebibytes, tail));
    const read = await assertSameBytes(store.get(cid), block, mebibytes, tail);
    assert.ok(read > 2 ** 31 && read < 2 ** 32, `the file lies between 2^31 and 2^32 bytes (${read})`);
    await store.close();
  });
});
