import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fmix32 } from "./hash.ts";
import { DedupIndex } from "./index.ts";
import { bandKeys, type Fingerprint } from "./fingerprint.ts";
import { NO_PASSAGE } from "./passages.ts";

/** A fingerprint of synthetic signatures has no passages (64 empty slots, the default). */
const NO_PASSAGES = new Uint32Array(64).fill(NO_PASSAGE);

const K = 112;
const N = 300_000;

/** The synthetic fingerprint of "original" document i: random values, derived from i alone. */
function original(i: number, sig: Uint32Array): Fingerprint {
  for (let j = 0; j < K; j++) sig[j] = fmix32(Math.imul(i + 1, 0x9e3779b1) ^ fmix32(j + 0x51ed));
  return { exact: [fmix32(i ^ 0xabc), fmix32(i + 0x12345)], signature: sig, bandKeys: bandKeys(sig, 14, 8), shingles: 100, passages: NO_PASSAGES };
}

describe("DedupIndex at scale", () => {
  it("checks and adds 300,000 fingerprints, finding every planted duplicate and nothing else", () => {
    const index = new DedupIndex();
    const sig = new Uint32Array(K);
    let expectedExact = 0;
    let expectedNear = 0;
    let foundExact = 0;
    let foundNear = 0;
    let kept = 0;
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const r = fmix32(i * 31 + 7) % 100;
      let fp: Fingerprint;
      let source = -1;
      if (i > 1000 && r < 2) {
        // An exact copy of an earlier original (documents i with r >= 4 are originals, kept).
        source = i - 1 - (fmix32(i) % 1000);
        while (fmix32(source * 31 + 7) % 100 < 4) source--;
        fp = original(source, sig);
        expectedExact++;
      } else if (i > 1000 && r < 4) {
        // A near copy: 10 of 112 values changed (estimated Jaccard 0.91), its own exact hash.
        source = i - 1 - (fmix32(i + 99) % 1000);
        while (fmix32(source * 31 + 7) % 100 < 4) source--;
        fp = original(source, sig);
        for (let j = 0; j < 10; j++) fp.signature[(j * 11 + (i % 11)) % K] ^= 0x5bd1e995;
        fp.bandKeys = bandKeys(fp.signature, 14, 8);
        fp.exact = [i, 0xffffffff];
        expectedNear++;
      } else {
        fp = original(i, sig);
      }
      const m = index.check(fp, i);
      if (source < 0) {
        assert.equal(m, null, `original ${i} matched ${JSON.stringify(m)}`);
        index.add(fp, { submission: i, document: 0 });
        kept++;
        continue;
      }
      assert.ok(m, `duplicate ${i} of ${source} missed`);
      assert.equal(m.keptRef.submission, source);
      assert.equal(m.kind, fp.exact[1] === 0xffffffff ? "near" : "exact");
      if (m.kind === "exact") foundExact++;
      else foundNear++;
    }
    const seconds = (performance.now() - t0) / 1000;
    const { bytes, documents } = index.stats();
    console.log(
      `${N} checks, ${kept} adds in ${seconds.toFixed(2)} s (${(N / seconds / 1e6).toFixed(2)} M checks/s with the ` +
        `fingerprint generation); ${foundExact}/${expectedExact} exact and ${foundNear}/${expectedNear} near copies found; ` +
        `${(bytes / documents).toFixed(0)} bytes per document`,
    );
    assert.equal(documents, kept);
    assert.equal(foundExact, expectedExact);
    assert.equal(foundNear, expectedNear);
    assert.ok(expectedExact > 5000 && expectedNear > 5000);
    assert.ok(bytes / documents < 700, `${bytes / documents} bytes per document`);
  });
});
