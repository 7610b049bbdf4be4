import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DedupIndex } from "../dedup/index.ts";
import { generateTestSet, type LabelledDocument } from "../testset/generate.ts";
import { collect, jsonlInput } from "./testing.ts";

function jsonlBytes(name: string, body: string) {
  async function* once() {
    yield Buffer.from(body);
  }
  return { source: once(), name };
}

const SET: LabelledDocument[] = [
  ...generateTestSet(7, {
    clean: 150,
    boilerplate: 40,
    repetition: 60,
    nonEnglish: 40,
    exactDuplicates: 30,
    nearDuplicates: 12,
    // Recall is asserted over pairs spread evenly over Jaccard 0.8..1. With FineWeb's 14 bands of
    // 8 rows it is lower at the very edge: at exactly 0.8 about 0.85 of pairs are found.
    nearDuplicateTargets: [0.98, 0.95, 0.92, 0.9, 0.87, 0.85, 0.82, 0.8, 0.5, 0.5],
  }),
];
const texts = SET.map((d) => d.text);

describe("the pipeline runner", () => {
  it("gives byte-identical output and report with 1 or 2 workers and any batch size", async () => {
    const one = await collect([jsonlInput("set.jsonl", texts, 65536)], { workers: 1, batchChars: 1 << 20 });
    const two = await collect([jsonlInput("set.jsonl", texts, 997)], { workers: 2, batchChars: 3000 });
    assert.ok(one.report.documents.out > 100, "a useful share of the set is kept");
    assert.equal(two.outputSha256, one.outputSha256);
    assert.equal(two.reportSha256, one.reportSha256);
    assert.deepEqual(two.outcomes, one.outcomes);
  });

  it("keeps clean text and removes each labelled kind of bad or repeated text", async () => {
    const run = await collect([jsonlInput("set.jsonl", texts)], { workers: 2 });
    assert.equal(run.outcomes.length, SET.length);
    const byLabel = new Map<string, { n: number; removed: number; asDuplicate: number }>();
    SET.forEach((doc, i) => {
      const key =
        doc.label === "near_duplicate"
          ? `near_duplicate@${Number(doc.meta.jaccard) >= 0.8 ? ">=0.8" : Number(doc.meta.jaccard) <= 0.55 ? "<=0.55" : "between"}`
          : doc.label === "repetition"
            ? `repetition/${doc.meta.kind}`
            : doc.label;
      const tally = byLabel.get(key) ?? { n: 0, removed: 0, asDuplicate: 0 };
      tally.n++;
      const o = run.outcomes[i];
      if (o.kind !== "kept") tally.removed++;
      if (o.kind === "duplicate") tally.asDuplicate++;
      byLabel.set(key, tally);
    });
    const rate = (k: string, f: "removed" | "asDuplicate") => byLabel.get(k)![f] / byLabel.get(k)!.n;
    assert.ok(rate("clean", "removed") <= 0.02, `clean removed ${rate("clean", "removed")}`);
    assert.ok(rate("boilerplate", "removed") >= 0.9, `boilerplate recall ${rate("boilerplate", "removed")}`);
    assert.ok(rate("repetition/repeated_lines", "removed") >= 0.95, `repeated lines recall ${rate("repetition/repeated_lines", "removed")}`);
    assert.ok(rate("repetition/repeated_ngrams", "removed") >= 0.95, `repeated n-grams recall ${rate("repetition/repeated_ngrams", "removed")}`);
    // Light keyword stuffing (a phrase every 3-10 words) is under the Gopher thresholds at times.
    assert.ok(rate("repetition/keyword_stuffing", "removed") >= 0.6, `keyword stuffing recall ${rate("repetition/keyword_stuffing", "removed")}`);
    assert.ok(rate("non_english", "removed") >= 0.9, `non-English recall ${rate("non_english", "removed")}`);
    // An exact copy is a duplicate of its original, or removed by the same rule when the original was.
    const position = new Map(SET.map((d, i) => [d.id, i]));
    SET.forEach((doc, i) => {
      if (doc.label !== "exact_duplicate") return;
      const original = run.outcomes[position.get(String(doc.meta.of))!];
      const copy = run.outcomes[i];
      if (original.kind === "kept") assert.equal(copy.kind, "duplicate");
      else assert.deepEqual(copy, original);
    });
    assert.ok(rate("near_duplicate@>=0.8", "asDuplicate") >= 0.95, `near-duplicate recall ${rate("near_duplicate@>=0.8", "asDuplicate")}`);
    // Jaccard 0.5 over word 5-grams is about 8% of the words edited: a paid copy the passage
    // containment must find, though FineWeb's MinHash alone does not.
    assert.ok(rate("near_duplicate@<=0.55", "asDuplicate") >= 0.9, `copies at Jaccard 0.5 found ${rate("near_duplicate@<=0.55", "asDuplicate")}`);
  });

  it("counts every document in and out, by the rule that removed it", async () => {
    const run = await collect([jsonlInput("set.jsonl", texts)]);
    const r = run.report;
    const removed = Object.values(r.removed).reduce((n, t) => n + t.documents, 0);
    const dups = r.duplicates.exact.within.documents + r.duplicates.exact.across.documents +
      r.duplicates.near.within.documents + r.duplicates.near.across.documents +
      r.duplicates.passages.within.documents + r.duplicates.passages.across.documents;
    assert.equal(r.documents.in, SET.length);
    assert.equal(r.documents.in, r.documents.out + removed + dups);
    assert.equal(run.output.trim().split("\n").length, r.documents.out);
    const kept = run.outcomes.filter((o) => o.kind === "kept").reduce((n, o) => n + (o.kind === "kept" ? o.tokens : 0), 0);
    assert.equal(r.tokens.out, kept);
    for (const [rule, t] of Object.entries(r.removed)) {
      assert.match(rule, /^[a-z0-9_]+:[a-z0-9_]+$/);
      assert.ok(t.examples.length >= 1 && t.examples.length <= 3);
      assert.ok(t.examples.every((e) => e.file === "set.jsonl" && e.line >= 1));
    }
  });

  it("deduplicates against earlier submissions, and the earlier document wins", async () => {
    const clean = SET.filter((d) => d.label === "clean").map((d) => d.text);
    const index = new DedupIndex();
    const first = await collect([jsonlInput("a.jsonl", clean.slice(0, 60))], { index, sequence: 0 });
    const keptFirst = first.outcomes.map((o) => o.kind === "kept");
    assert.ok(keptFirst.filter(Boolean).length >= 55);
    const second = await collect([jsonlInput("b.jsonl", clean.slice(40, 100))], { index, sequence: 1 });
    let across = 0;
    second.outcomes.slice(0, 20).forEach((o, i) => {
      if (!keptFirst[40 + i]) return assert.equal(o.kind, "removed", "removed by the same rule again");
      across++;
      assert.equal(o.kind, "duplicate");
      if (o.kind === "duplicate") {
        assert.equal(o.match.within, false);
        assert.deepEqual(o.match.keptRef, { submission: 0, document: keptFirst.slice(0, 40 + i).filter(Boolean).length });
      }
    });
    assert.equal(second.report.duplicates.exact.across.documents, across);
    assert.equal(second.outcomes.slice(20).filter((o) => o.kind === "duplicate").length, 0);
    assert.equal(index.size, first.report.documents.out + second.report.documents.out);
  });

  it("reports reader problems with their line and keeps reading", async () => {
    const good = SET.filter((d) => d.label === "clean").slice(0, 3).map((d) => JSON.stringify({ text: d.text }));
    const body = [good[0], "{not json", good[1], JSON.stringify({ body: "no text field" }), good[2]].join("\n") + "\n";
    const run = await collect([jsonlBytes("mixed.jsonl", body)]);
    assert.equal(run.report.documents.in, 3);
    const lines = run.report.readerIssues.first.map((i) => `${i.line}:${i.kind}`);
    assert.deepEqual(lines, ["2:bad_json", "4:missing_field"]);
  });
});
