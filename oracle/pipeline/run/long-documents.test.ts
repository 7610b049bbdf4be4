// No document can take a submission down: every document up to the reader's limit is counted or
// refused on its own, with its place and reason, and the other documents go through.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DocumentProcessor } from "../process.ts";
import { DEFAULT_MAX_DOCUMENT_BYTES } from "../read/options.ts";
import { englishParagraphs } from "../testset/english.ts";
import { MAX_PIECE_BYTES } from "../tokenize/counter.ts";
import { referenceCount } from "../tokenize/reference.test-helper.ts";
import { collect, jsonlInput } from "./testing.ts";

const paragraphs = englishParagraphs();
const prose = (from: number) => paragraphs.slice(from, from + 6).join("\n\n");

describe("documents that once crashed a run", () => {
  it("counts a 2.4 million letter run exactly where the counter's regex overflowed its stack", async () => {
    const processor = await DocumentProcessor.create();
    const text = "x" + "ж".repeat(2_400_000);
    const [tokens] = processor.processBatch([text]).tokensIn;
    // tiktoken needs minutes for one piece this long (its merge is quadratic): compare the same
    // run at a length it counts in a moment, and check the long one counts every letter alike.
    const short = "x" + "ж".repeat(3000);
    assert.equal(processor.processBatch([short]).tokensIn[0], referenceCount("o200k_base", short));
    assert.equal(tokens - 1, (referenceCount("o200k_base", short) - 1) * 800);
  });

  it("refuses a document holding a single run over the longest piece, with its file, line and reason, and keeps the rest", async () => {
    const long = "y".repeat(MAX_PIECE_BYTES + 1);
    const run = await collect([jsonlInput("c.jsonl", [prose(0), long, prose(6)])], { workers: 1 });
    assert.deepEqual(
      run.outcomes.map((o) => o.kind),
      ["kept", "removed", "kept"],
    );
    const refused = run.report.removed["tokenizer:piece_too_long"];
    assert.equal(refused.documents, 1);
    assert.equal(refused.examples[0].file, "c.jsonl");
    assert.equal(refused.examples[0].line, 2);
    assert.ok(refused.examples[0].excerpt.length < 300, "the report quotes an excerpt, not the run");
  });

  it("counts a run of one letter over 8 MiB, once 'too long to merge'", async () => {
    const processor = await DocumentProcessor.create();
    const size = 8 * 1024 * 1024 + 1;
    const [tokens] = processor.processBatch(["z".repeat(size)]).tokensIn;
    assert.ok(size <= MAX_PIECE_BYTES);
    assert.ok(tokens > 0 && tokens < size, `${tokens} tokens`);
  });

  it("processes a document at the reader's limit made of one run without throwing", async () => {
    const processor = await DocumentProcessor.create();
    const text = "q".repeat(DEFAULT_MAX_DOCUMENT_BYTES);
    const result = processor.processBatch([text]);
    assert.equal(result.removedBy[0], "tokenizer:piece_too_long");
    assert.equal(result.tokensIn[0], 0);
  });
});
