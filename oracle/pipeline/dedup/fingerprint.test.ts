import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fingerprint, Fingerprinter } from "./fingerprint.ts";
import { hash64, hash64Hex } from "./hash.ts";
import { PairGenerator, shingleSet } from "./testpairs.ts";

const PROSE =
  "The committee signs every count, and anyone can replay the pipeline from the published manifests " +
  "to check that each contributor was paid for the tokens that survived, and for nothing else.";

/** Estimated Jaccard: the fraction of equal signature values. */
function estimate(a: Uint32Array, b: Uint32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) m++;
  return m / a.length;
}

describe("fingerprint", () => {
  it("is the same on every run and every machine (pinned values)", () => {
    // Pinned: a change here changes every saved index and every dedup decision; bump
    // FINGERPRINT_VERSION in config.ts when it is on purpose.
    assert.equal(hash64Hex(""), "2652ad6911fd02eb");
    assert.equal(hash64Hex("hello world"), "d6d0d53ed32dba1a");
    const fp = fingerprint(PROSE);
    assert.equal(fp.shingles, 27);
    assert.deepEqual(Array.from(fp.signature.subarray(0, 4)), [64998841, 116823025, 492207464, 201881065]);
    assert.deepEqual(fp.exact, hash64(PROSE));
  });

  it("gives equal fingerprints for equal texts, from fresh and cached fingerprinters", () => {
    const a = new Fingerprinter().fingerprint(PROSE);
    const b = fingerprint(PROSE);
    assert.deepEqual(a, b);
  });

  it("hashes the exact text: any change of a character changes the exact hash", () => {
    assert.notDeepEqual(fingerprint(PROSE).exact, fingerprint(PROSE + " ").exact);
    assert.notDeepEqual(fingerprint("ab").exact, fingerprint("ba").exact);
    assert.notDeepEqual(fingerprint("a").exact, fingerprint("a\0").exact);
  });

  it("ignores case, punctuation and spacing in the signature but not in the exact hash", () => {
    const a = fingerprint("One two three four five six seven.");
    const b = fingerprint("one,  TWO three -- four five; six seven");
    assert.deepEqual(a.signature, b.signature);
    assert.notDeepEqual(a.exact, b.exact);
  });

  it("has one shingle per word 5-gram, and one shingle of all the words below five", () => {
    assert.equal(fingerprint("a b c d e f g").shingles, 3);
    assert.equal(fingerprint("a b c").shingles, 1);
    assert.equal(fingerprint("a").shingles, 1);
    // A short text's single shingle differs from any 5-gram, and from other short texts.
    assert.notDeepEqual(fingerprint("a b c").signature, fingerprint("a b c d").signature);
    assert.notDeepEqual(fingerprint("a b c").signature, fingerprint("a b c d e").signature);
  });

  it("marks a text without words as having no shingles, with an all-max signature", () => {
    const fp = fingerprint("  ... --- !!! ");
    assert.equal(fp.shingles, 0);
    assert.ok(fp.signature.every((v) => v === 0xffffffff));
  });

  it("has bands * rows values and follows the config's seed", () => {
    assert.equal(fingerprint(PROSE, { bands: 4, rows: 3 }).signature.length, 12);
    assert.notDeepEqual(fingerprint(PROSE, { seed: 2 }).signature, fingerprint(PROSE).signature);
  });

  it("hashes 200,000 distinct shingles with no more collisions than 32 random bits would have", () => {
    const g = new PairGenerator(5);
    const text = g.text(200_004).join(" ");
    const f = new Fingerprinter();
    const hashes = f.shingleHashesOf(text);
    const distinctShingles = shingleSet(text).size;
    // Expected 32-bit collisions among n values: n^2 / 2^33, about 4.7 for n = 200,000.
    const distinctHashes = new Set(hashes).size;
    assert.ok(distinctShingles - distinctHashes <= 15, `${distinctShingles - distinctHashes} collisions`);
  });

  it("estimates Jaccard within the binomial spread (the 112 permutations behave as independent)", () => {
    const g = new PairGenerator(11);
    const f = new Fingerprinter();
    const k = 112;
    const z: number[] = [];
    for (let i = 0; i < 1500; i++) {
      const p = g.pair(150 + Math.floor(g.random() * 600), 0.2 + 0.75 * g.random());
      const est = estimate(f.fingerprint(p.a).signature, f.fingerprint(p.b).signature);
      const sd = Math.sqrt((p.jaccard * (1 - p.jaccard)) / k);
      z.push((est - p.jaccard) / sd);
    }
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length;
    const beyond3 = z.filter((v) => Math.abs(v) > 3).length / z.length;
    console.log(`estimate vs exact Jaccard, 1500 pairs: mean z ${mean.toFixed(3)}, variance ${variance.toFixed(3)}, |z| > 3: ${beyond3}`);
    // Unbiased (mean of z near 0: its own standard error is 1/sqrt(1500) = 0.026), spread equal to
    // the binomial one (correlated permutations would inflate the variance), no heavy tails.
    assert.ok(Math.abs(mean) < 0.1, `mean z ${mean}`);
    assert.ok(variance > 0.85 && variance < 1.15, `variance of z ${variance}`);
    assert.ok(beyond3 < 0.01, `${beyond3} beyond 3 sd`);
  });
});
