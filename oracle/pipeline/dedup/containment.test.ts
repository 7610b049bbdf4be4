// Passage containment through the whole runner: what is removed, what is cut, what is paid, and
// how the report says it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { collect, jsonlInput } from "../run/testing.ts";
import { distinctParagraphs } from "../testset/distinct.ts";
import { englishParagraphs } from "../testset/english.ts";
import { createTokenCounter } from "../tokenize/counter.ts";
import { DedupIndex } from "./index.ts";

const paragraphs = distinctParagraphs(englishParagraphs());
const doc = (from: number, n = 6) => paragraphs.slice(from, from + n).join("\n\n");
const counter = createTokenCounter("o200k_base");

/** Every tenth word replaced: far below FineWeb's near-duplicate threshold. */
function editEveryTenthWord(text: string): string {
  let k = 0;
  return text.replace(/\p{L}+/gu, (w) => (++k % 10 === 0 ? "zebra" : w));
}

describe("passage containment", () => {
  it("removes a copy with a tenth of its words replaced, naming the earlier document's file and line", async () => {
    const original = doc(0);
    const run = await collect([jsonlInput("notes.jsonl", [doc(40), original, doc(80), editEveryTenthWord(original)])]);
    assert.deepEqual(run.outcomes.map((o) => o.kind), ["kept", "kept", "kept", "duplicate"]);
    const copy = run.outcomes[3];
    assert.ok(copy.kind === "duplicate" && copy.match.kind === "passages");
    const example = run.report.duplicates.examples.find((e) => e.line === 4)!;
    assert.deepEqual(example.original, { file: "notes.jsonl", line: 2 });
    assert.match(example.explanation!, /^\d+% of this document's passages appear in a document accepted earlier in this upload \(notes\.jsonl line 2\)\.$/);
    assert.equal(run.report.duplicates.passages.within.documents, 1);
  });

  it("pays a document that embeds an earlier one for its new paragraphs only, and says which were cut", async () => {
    const earlier = doc(120, 4);
    const fresh = [paragraphs[200], paragraphs[201], paragraphs[202], paragraphs[203], paragraphs[204]];
    const embedding = [fresh[0], fresh[1], earlier, fresh[2], fresh[3], fresh[4]].join("\n\n");
    const index = new DedupIndex();
    await collect([jsonlInput("first.jsonl", [earlier])], { index, sequence: 0 });
    const run = await collect([jsonlInput("second.jsonl", [doc(300), embedding])], { index, sequence: 1 });
    const kept = run.outcomes[1];
    assert.ok(kept.kind === "kept" && kept.partial, JSON.stringify(kept));
    assert.deepEqual(kept.partial.copiedUnits, [2, 3, 4, 5]);
    const published = run.output.trim().split("\n").map((l) => (JSON.parse(l) as { text: string }).text);
    assert.ok(!published[1].includes(earlier.slice(0, 60)), "the copied paragraphs are not published");
    assert.ok(published[1].startsWith(fresh[0].slice(0, 60)) && published[1].includes(fresh[4].slice(0, 60)));
    assert.equal(kept.tokens, counter.count(published[1]));
    const example = run.report.duplicates.partial.examples[0];
    assert.equal(example.line, 2);
    assert.match(example.explanation, /^4 of this document's 9 paragraphs \(3, 4, 5, 6\) appear in a document accepted in submission #0 \(the 1st document it was paid for\); they were cut, and the document is paid for the other 5\.$/);
    assert.equal(run.report.tokens.out, run.outcomes.reduce((n, o) => n + (o.kind === "kept" ? o.tokens : 0), 0));
  });

  it("keeps both of two documents on one subject that share no passage", async () => {
    const run = await collect([jsonlInput("topic.jsonl", [paragraphs.slice(0, 6).join("\n\n"), paragraphs.slice(6, 12).join("\n\n")])]);
    assert.deepEqual(run.outcomes.map((o) => o.kind === "kept" && !o.partial), [true, true]);
  });
});
