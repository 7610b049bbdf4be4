import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { crc32 } from "node:zlib";
import { join } from "node:path";
import { fingerprint, Fingerprinter, type Fingerprint } from "./fingerprint.ts";
import { DedupIndex } from "./index.ts";
import { DedupError } from "./config.ts";
import { FORMAT_VERSION, INDEX_FILE, loadIndex, saveIndex } from "./persist.ts";
import { PairGenerator } from "./testpairs.ts";

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), "1tt-dedup-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const g = new PairGenerator(77);
/** 20,000 documents (past one 16,384-document page and several table doublings), one without words. */
const texts = Array.from({ length: 20_000 }, (_, i) => (i === 5 ? "!!!" : g.text(20 + (i % 50)).join(" ")));
const fps: Fingerprint[] = texts.map((t) => fingerprint(t));

function built(): DedupIndex {
  const index = new DedupIndex();
  fps.forEach((fp, i) => index.add(fp, { submission: i >> 4, document: i & 15 }));
  return index;
}

const isCode = (code: string, re?: RegExp) => (e: unknown) =>
  e instanceof DedupError && e.code === code && (!re || re.test(e.message));

describe("saveIndex / loadIndex", () => {
  it("round-trips: the loaded index decides exactly as the saved one, and saves to the same bytes", () => {
    const index = built();
    const { path } = saveIndex(index, dir);
    const loaded = loadIndex(dir);
    assert.equal(loaded.size, index.size);
    assert.deepEqual(loaded.stats(), index.stats());
    const probes = [...fps.slice(0, 300), ...Array.from({ length: 200 }, () => fingerprint(g.text(40).join(" ")))];
    // Near copies of saved documents, found through the reloaded band tables.
    for (let i = 100; i < 150; i++) probes.push(fingerprint(texts[i] + " tail"));
    for (const fp of probes) assert.deepEqual(loaded.check(fp, 9999), index.check(fp, 9999));
    // Parts and joins of saved documents, found through the reloaded passage table.
    const analyzer = new Fingerprinter();
    for (let i = 200; i < 260; i++) {
      const query = analyzer.analyze(`${texts[i]}\n\n${texts[i + 1].split(" ").slice(0, 15).join(" ")}`).query;
      assert.deepEqual(loaded.contain(query), index.contain(query));
      assert.ok(index.contain(query).refs.length > 0);
    }
    const bytes = readFileSync(path);
    saveIndex(loaded, dir);
    assert.ok(readFileSync(path).equals(bytes), "a loaded index saves to the same bytes");
    // And it keeps going: the next add works on both the same way.
    const next = fingerprint("a new document with enough words to have shingles");
    index.add(next, { submission: 99999, document: 0 });
    loaded.add(next, { submission: 99999, document: 0 });
    assert.deepEqual(loaded.check(next, 0), index.check(next, 0));
  });

  it("round-trips an empty index", () => {
    const sub = join(dir, "empty");
    saveIndex(new DedupIndex(), sub);
    assert.equal(loadIndex(sub).size, 0);
  });

  it("refuses an index saved under another config, naming both config hashes", () => {
    const sub = join(dir, "cfg");
    saveIndex(built(), sub);
    assert.throws(() => loadIndex(sub, { threshold: 0.8 }), isCode("config_mismatch", /config hash [0-9a-f]{16}.*[0-9a-f]{16}.*Rebuild/));
    assert.throws(() => loadIndex(sub, { seed: 2 }), isCode("config_mismatch"));
    // maxDocuments is a memory bound, not part of the state: a larger one loads, a smaller one cannot hold it.
    assert.equal(loadIndex(sub, { maxDocuments: 1 << 26 }).size, 20_000);
    assert.throws(() => loadIndex(sub, { maxDocuments: 100 }), isCode("capacity", /holds 20000 documents/));
  });

  it("detects a flipped byte anywhere, a truncated file, a foreign file and a missing one", () => {
    const sub = join(dir, "bad");
    const { path } = saveIndex(built(), sub);
    const good = readFileSync(path);
    for (const at of [3, 20, 33, 70, 100_000, good.length - 5]) {
      const bad = Buffer.from(good);
      bad[at] ^= 0x10;
      writeFileSync(path, bad);
      assert.throws(() => loadIndex(sub), isCode("corrupt", /corrupt.*rebuild/), `flip at ${at}`);
    }
    writeFileSync(path, good.subarray(0, good.length - 8));
    assert.throws(() => loadIndex(sub), isCode("corrupt", /payload bytes/));
    writeFileSync(path, good.subarray(0, 10));
    assert.throws(() => loadIndex(sub), isCode("corrupt"));
    writeFileSync(path, "{\"not\": \"an index\"}".padEnd(100));
    assert.throws(() => loadIndex(sub), isCode("corrupt", /not a 1TT dedup index/));
    assert.throws(() => loadIndex(join(dir, "nowhere")), isCode("missing"));
    writeFileSync(path, good);
    assert.equal(loadIndex(sub).size, 20_000);
  });

  it("refuses another format version", () => {
    const sub = join(dir, "version");
    const { path } = saveIndex(built(), sub);
    const bytes = Buffer.from(readFileSync(path));
    bytes.writeUInt32LE(FORMAT_VERSION + 1, 8);
    bytes.writeUInt32LE(crc32(bytes.subarray(0, 60)), 60);
    writeFileSync(path, bytes);
    assert.throws(() => loadIndex(sub), isCode("version", new RegExp(`format version ${FORMAT_VERSION + 1}`)));
  });

  it("writes one file named dedup-index.bin", () => {
    const sub = join(dir, "name");
    const { path, bytes } = saveIndex(built(), sub);
    assert.equal(path, join(sub, INDEX_FILE));
    assert.equal(readFileSync(path).length, bytes);
  });
});
