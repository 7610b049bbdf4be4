import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { createQualityBlocks, runQuality } from "../filter/chain.ts";
import { generateTestSet, writeJsonl, type LabelledDocument } from "./generate.ts";
import { nearDuplicatePairs } from "./near-duplicates.ts";
import { textJaccard, wordShingles } from "./shingles.ts";

const docs = [...generateTestSet(1)];

describe("labelled test set", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    assert.deepEqual([...generateTestSet(1)], docs);
    const other = [...generateTestSet(2)];
    assert.notDeepEqual(other.map((d) => d.text), docs.map((d) => d.text));
  });

  it("has every label in the documented sizes", () => {
    const count = (l: string) => docs.filter((d) => d.label === l).length;
    assert.deepEqual(
      ["clean", "boilerplate", "repetition", "non_english", "exact_duplicate", "near_duplicate"].map(count),
      [120, 60, 60, 60, 20, 40],
    );
  });

  it("writes JSON Lines that read back to the same records", () => {
    const dir = mkdtempSync(join(tmpdir(), "1tt-testset-"));
    try {
      const path = join(dir, "set.jsonl");
      assert.equal(writeJsonl(path, docs), docs.length);
      const back = readFileSync(path, "utf8").trim().split("\n").map((l) => JSON.parse(l) as LabelledDocument);
      assert.deepEqual(back, docs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("near-duplicate pairs", () => {
  it("shingles lower-cased words split on non-letters/digits into 5-grams", () => {
    assert.deepEqual([...wordShingles("A b, C-d e! F")], ["a b c d e", "b c d e f"]);
    assert.equal(textJaccard("one two three four five six", "one two three four five seven"), 1 / 3);
  });

  for (const target of [0.95, 0.8, 0.5, 0.2]) {
    it(`reaches target Jaccard ${target} within 0.03, and reports the exact value`, () => {
      const pairs = nearDuplicatePairs(7, 8, target);
      assert.equal(pairs.length, 8);
      for (const p of pairs) {
        assert.equal(p.jaccard, textJaccard(p.base, p.variant));
        assert.ok(Math.abs(p.jaccard - target) <= 0.03, `achieved ${p.jaccard}`);
        assert.ok(p.edits > 0);
      }
      assert.deepEqual(nearDuplicatePairs(7, 8, target), pairs);
    });
  }
});

describe("quality filters on the labelled set", async () => {
  const blocks = await createQualityBlocks();
  const table = new Map<string, { n: number; removed: number; rules: Map<string, number> }>();
  for (const d of docs) {
    const rule = runQuality(blocks, d.text).removedBy;
    const row = table.get(d.label) ?? { n: 0, removed: 0, rules: new Map<string, number>() };
    row.n++;
    if (rule !== null) {
      row.removed++;
      row.rules.set(rule, (row.rules.get(rule) ?? 0) + 1);
    }
    table.set(d.label, row);
  }
  const rate = (l: string) => table.get(l)!.removed / table.get(l)!.n;
  // Precision of "removed" over the labels that must go (boilerplate, repetition, non-English)
  // against those that must stay (clean, exact and near duplicates of clean).
  const bad = ["boilerplate", "repetition", "non_english"];
  const removedBad = bad.reduce((s, l) => s + table.get(l)!.removed, 0);
  const removedGood = ["clean", "exact_duplicate", "near_duplicate"].reduce((s, l) => s + table.get(l)!.removed, 0);
  const lines = [...table].map(
    ([l, r]) => `${l.padEnd(16)} n=${String(r.n).padStart(3)} removed=${r.removed / r.n === 0 ? "0.000" : (r.removed / r.n).toFixed(3)}  ${[...r.rules].map(([k, v]) => `${k}=${v}`).join(" ")}`,
  );
  lines.push(`precision of removal: ${(removedBad / (removedBad + removedGood)).toFixed(3)}`);
  console.log(lines.join("\n"));

  it("removes at most 2% of clean documents", () => assert.ok(rate("clean") <= 0.02, `${rate("clean")}`));
  it("keeps duplicates of clean documents as it keeps the originals (dedup is another block)", () => {
    assert.ok(rate("exact_duplicate") <= 0.02);
    assert.ok(rate("near_duplicate") <= 0.05);
  });
  it("removes boilerplate with recall >= 0.9", () => assert.ok(rate("boilerplate") >= 0.9, `${rate("boilerplate")}`));
  it("removes repetition spam with recall >= 0.9", () => assert.ok(rate("repetition") >= 0.9, `${rate("repetition")}`));
  it("removes non-English with recall >= 0.95, all by the language rule", () => {
    assert.ok(rate("non_english") >= 0.95, `${rate("non_english")}`);
    assert.deepEqual([...table.get("non_english")!.rules.keys()], ["language:not_allowed"]);
  });
});
