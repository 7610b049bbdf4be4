import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { importer } from "ipfs-unixfs-importer";
import { collect } from "./bytes.ts";
import { computeCid } from "./compute-cid.ts";
import { importerOptions, UNIXFS_V1_2025 } from "./profile.ts";
import { kuboRandomBytes, patternBytes } from "./testing/kubo-random-bytes.ts";
import { fileCidByHand, rawLeafCid } from "./testing/unixfs-by-hand.ts";

const MIB = 1 << 20;
const text = (s: string) => new TextEncoder().encode(s);

async function* inPieces(data: Uint8Array, size: number) {
  for (let at = 0; at < data.length; at += size) yield data.slice(at, at + size);
}

describe("computeCid (unixfs-v1-2025)", () => {
  it("gives Kubo's CID for the 11 bytes `hello world` (Kubo CLI test vector)", async () => {
    const cid = await computeCid(text("hello world"));
    assert.equal(cid.toString(), "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
  });

  it("gives the raw CID of sha2-256('') for the empty file (Kubo sharness t0040 zero-length vector)", async () => {
    const cid = await computeCid(new Uint8Array(0));
    assert.equal(cid.toString(), rawLeafCid(new Uint8Array(0)).text);
    assert.equal(cid.toString(), "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    assert.equal((await computeCid([])).toString(), cid.toString(), "an empty stream is the empty file");
  });

  it("makes a file of exactly one chunk (1 MiB) a single raw block", async () => {
    const data = patternBytes(MIB);
    const cid = await computeCid(data);
    assert.equal(cid.code, 0x55);
    assert.equal(cid.toString(), rawLeafCid(data).text);
  });

  it("makes one chunk + 1 byte a dag-pb root over two raw leaves, as built by hand", async () => {
    const data = patternBytes(MIB + 1, 7);
    const cid = await computeCid(data);
    assert.equal(cid.code, 0x70);
    assert.equal(cid.toString(), fileCidByHand(data));
  });

  it("hashes 3 MiB of a seeded pattern to the root built by hand from its three leaves", async () => {
    const data = patternBytes(3 * MIB, 42);
    assert.equal((await computeCid(data)).toString(), fileCidByHand(data));
  });

  it("does not depend on how the source stream is cut", async () => {
    const data = patternBytes(2 * MIB + 12_345, 9);
    const whole = (await computeCid(data)).toString();
    assert.equal((await computeCid(inPieces(data, 7_919))).toString(), whole);
    assert.equal((await computeCid(inPieces(data, 3 * MIB))).toString(), whole);
    assert.equal((await computeCid([data.subarray(0, 1), data.subarray(1)])).toString(), whole);
  });

  it("gives Kubo's published CIDs for exactly one chunk and one chunk + 1 byte (seed chunk-v1-seed)", async () => {
    // Kubo test/cli/cid_profiles_test.go, unixfsV12025.FileAtChunkSizeCID / FileOverChunkSizeCID.
    const atChunk = await computeCid(kuboRandomBytes("chunk-v1-seed", MIB));
    assert.equal(atChunk.toString(), "bafkreiacndfy443ter6qr2tmbbdhadvxxheowwf75s6zehscklu6ezxmta");
    const overChunk = await computeCid(kuboRandomBytes("chunk-v1-seed", MIB + 1));
    assert.equal(overChunk.toString(), "bafybeigmix7t42i6jacydtquhet7srwvgpizfg7gjbq7627d35mjomtu64");
    // The by-hand encoder used above agrees with Kubo on the same bytes too.
    const bytes = await collect(kuboRandomBytes("chunk-v1-seed", MIB + 1));
    assert.equal(fileCidByHand(bytes), "bafybeigmix7t42i6jacydtquhet7srwvgpizfg7gjbq7627d35mjomtu64");
    assert.equal(rawLeafCid(bytes.subarray(0, MIB)).text, "bafkreiacndfy443ter6qr2tmbbdhadvxxheowwf75s6zehscklu6ezxmta");
  });

  it("gives Kubo's published CID for its 174 MiB test file (seed v1-seed: one level, 174 links)", async () => {
    // Kubo test/cli/add_test.go, profile test-cid-v1 (CIDv1, raw leaves, 1 MiB chunks, 174 max
    // links). Up to 174 chunks the 174- and 1024-link layouts build the same single-level DAG.
    const cid = await computeCid(kuboRandomBytes("v1-seed", 174 * MIB));
    assert.equal(cid.toString(), "bafybeigwduxcf2aawppv3isnfeshnimkyplvw3hthxjhr2bdeje4tdaicu");
  });

  it("gives Kubo's published unixfs-v1-2025 CIDs at 1024 links (1 GiB) and after rebalancing (+1 byte, +1 MiB)", async () => {
    // Kubo test/cli/cid_profiles_test.go, unixfsV12025.FileAtMaxLinksCID and FileOverMaxLinksCID
    // (1024 MiB + 1 byte in current Kubo, 1025 MiB in earlier versions of that test).
    const atMax = await computeCid(kuboRandomBytes("v1-2025-seed", 1024 * MIB));
    assert.equal(atMax.toString(), "bafybeihmf37wcuvtx4hpu7he5zl5qaf2ineo2lqlfrapokkm5zzw7zyhvm");
    const overByOneByte = await computeCid(kuboRandomBytes("v1-2025-seed", 1024 * MIB + 1));
    assert.equal(overByOneByte.toString(), "bafybeibdsi225ugbkmpbdohnxioyab6jsqrmkts3twhpvfnzp77xtzpyhe");
    const overByOneChunk = await computeCid(kuboRandomBytes("v1-2025-seed", 1025 * MIB));
    assert.equal(overByOneChunk.toString(), "bafybeihmzokxxjqwxjcryerhp5ezpcog2wcawfryb2xm64xiakgm4a5jue");
  });

  it("pins every parameter itself and agrees with the importer's own unixfs-v1-2025 profile", async () => {
    const options = importerOptions();
    assert.equal("profile" in options, false, "no library profile: every value is explicit");
    assert.equal(options.cidVersion, 1);
    assert.equal(options.rawLeaves, true);
    assert.equal(options.reduceSingleLeafToSelf, true);
    assert.equal(UNIXFS_V1_2025.chunkSize, MIB);
    assert.equal(UNIXFS_V1_2025.maxChildrenPerNode, 1024);

    const data = patternBytes(3 * MIB + 5, 3);
    let viaProfile;
    const discard = { put: async (c: unknown) => c };
    for await (const entry of importer([{ content: data }], discard as never, { profile: "unixfs-v1-2025" })) {
      viaProfile = entry.cid;
    }
    const ours = await computeCid(data);
    assert.equal(ours.toString(), String(viaProfile));
    assert.equal(ours.multihash.code, 0x12, "sha2-256");
  });
});
