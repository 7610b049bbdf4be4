import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CarBlockIterator } from "@ipld/car/iterator";
import { CarWriter } from "@ipld/car/writer";
import { collect } from "./bytes.ts";
import { EmbeddedStore } from "./embedded/embedded-store.ts";
import { BlockCorruptError, CidNotFoundError } from "./errors.ts";
import { computeCid } from "./compute-cid.ts";
import { patternBytes } from "./testing/kubo-random-bytes.ts";

const MIB = 1 << 20;
let root: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), "1tt-car-test-"));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("CAR export and import", () => {
  it("exports several roots with all their blocks, and a fresh store gets the same bytes back for every root", async () => {
    const source = await EmbeddedStore.open(join(root, "source"));
    const files = [
      new Uint8Array(0),
      new TextEncoder().encode("hello world"),
      patternBytes(MIB, 1),
      patternBytes(3 * MIB + 99, 2),
    ];
    // A fifth file whose first chunk equals the fourth file's: blocks shared between roots.
    const sharing = new Uint8Array(MIB + 5);
    sharing.set(files[3].subarray(0, MIB));
    files.push(sharing);
    const cids = [];
    for (const data of files) cids.push(await source.add(data));
    await source.add(new TextEncoder().encode("not exported"));

    const carPath = join(root, "export.car");
    await pipeline(Readable.from(source.exportCar(cids)), createWriteStream(carPath));

    const blocks = await CarBlockIterator.fromIterable(createReadStream(carPath));
    assert.equal(blocks.version, 1);
    assert.deepEqual((await blocks.getRoots()).map(String), cids.map(String));
    const seen: string[] = [];
    for await (const { cid } of blocks) seen.push(cid.toString());
    assert.equal(new Set(seen).size, seen.length, "each block once");
    // empty + hello + 1 MiB: one raw block each; 3 MiB+99: root + 4 leaves; sharing: root + 1 new leaf.
    assert.equal(seen.length, 3 + 5 + 2);

    const target = await EmbeddedStore.open(join(root, "target"));
    const roots = await target.importCar(createReadStream(carPath));
    assert.deepEqual(roots.map(String), cids.map(String));
    for (const [i, cid] of cids.entries()) {
      assert.deepEqual(await collect(target.get(cid)), files[i]);
      assert.equal(await target.isPinned(cid), true);
    }
    const notExported = await computeCid(new TextEncoder().encode("not exported"));
    assert.equal(await target.has(notExported), false);
    await source.close();
    await target.close();
  });

  it("refuses a CAR file with a block that does not match its CID, and pins nothing from it", async () => {
    const store = await EmbeddedStore.open(join(root, "forged"));
    const honest = new TextEncoder().encode("the real bytes");
    const cid = await computeCid(honest);
    const { writer, out } = CarWriter.create([cid]);
    const car = collect(out as AsyncIterable<Uint8Array>);
    await writer.put({ cid, bytes: new TextEncoder().encode("forged bytes!!") });
    await writer.close();

    await assert.rejects(store.importCar(await car), BlockCorruptError);
    assert.equal(await store.has(cid), false);
    assert.equal(await store.isPinned(cid), false);
    await store.close();
  });

  it("fails with CidNotFoundError when asked to export content it does not hold", async () => {
    const store = await EmbeddedStore.open(join(root, "empty"));
    const absent = await computeCid(new TextEncoder().encode("absent"));
    await assert.rejects(collect(store.exportCar([absent])), CidNotFoundError);
    await store.close();
  });
});
