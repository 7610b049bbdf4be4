import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Fingerprinter } from "./fingerprint.ts";
import { DedupIndex } from "./index.ts";
import { PairGenerator, type TextPair } from "./testpairs.ts";

/**
 * Recall and false positives with the default config, on pairs of known exact Jaccard: every
 * first text goes into one index (submission 0), then every second text is checked against it.
 * A pair counts as detected only if the check names its own first text.
 */
function measure(pairs: TextPair[]) {
  const f = new Fingerprinter();
  const index = new DedupIndex();
  pairs.forEach((p, i) => index.add(f.fingerprint(p.a), { submission: 0, document: i }));
  const bucket = (j: number) => (j >= 0.9 ? "0.90-1" : j >= 0.85 ? "0.85-0.90" : j >= 0.8 ? "0.80-0.85" : j >= 0.7 ? "0.70-0.80" : j > 0.5 ? "0.50-0.70" : "0-0.50");
  const rows = new Map<string, { hit: number; n: number }>();
  let wrong = 0;
  pairs.forEach((p, i) => {
    const m = index.check(f.fingerprint(p.b), 1);
    if (m && m.keptRef.document !== i) wrong++;
    const r = rows.get(bucket(p.jaccard)) ?? { hit: 0, n: 0 };
    r.n++;
    if (m && m.keptRef.document === i) r.hit++;
    rows.set(bucket(p.jaccard), r);
  });
  const sum = (keys: string[]) =>
    keys.reduce((s, k) => ({ hit: s.hit + (rows.get(k)?.hit ?? 0), n: s.n + (rows.get(k)?.n ?? 0) }), { hit: 0, n: 0 });
  return { rows, wrong, high: sum(["0.80-0.85", "0.85-0.90", "0.90-1"]), low: sum(["0-0.50"]) };
}

describe("near-duplicate quality (default config: 14 bands x 8 rows, threshold 0.75)", () => {
  it("finds at least 95% of pairs at Jaccard >= 0.8 and at most 1% of pairs at Jaccard <= 0.5", () => {
    const g = new PairGenerator(2024);
    const pairs: TextPair[] = [];
    for (let i = 0; i < 3000; i++) {
      // Targets spread over [0.8, 1), [0.05, 0.5) and [0.5, 0.8); documents of 80 to 1,500 words.
      const r = g.random();
      const target = i % 3 === 0 ? 0.8 + 0.2 * r : i % 3 === 1 ? 0.05 + 0.45 * r : 0.5 + 0.3 * r;
      pairs.push(g.pair(80 + Math.floor(g.random() * 1420), target));
    }
    const { rows, wrong, high, low } = measure(pairs);
    const table = [...rows].sort().map(([k, r]) => `${k}: ${r.hit}/${r.n} = ${(r.hit / r.n).toFixed(3)}`);
    console.log(`detected by exact Jaccard: ${table.join(", ")}`);
    console.log(
      `recall at J >= 0.8: ${(high.hit / high.n).toFixed(4)} (${high.hit}/${high.n}); ` +
        `false positives at J <= 0.5: ${(low.hit / low.n).toFixed(4)} (${low.hit}/${low.n}); wrong document named: ${wrong}`,
    );
    assert.ok(high.n >= 1000 && low.n >= 300, `too few pairs: ${high.n} high, ${low.n} low`);
    assert.ok(high.hit / high.n >= 0.95, `recall ${high.hit / high.n}`);
    assert.ok(low.hit / low.n <= 0.01, `false positive rate ${low.hit / low.n}`);
    assert.equal(wrong, 0);
  });
});
