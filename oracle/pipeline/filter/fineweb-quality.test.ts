import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FineWebQualityFilter } from "./fineweb-quality.ts";
import { contentWords } from "./test-helpers.ts";

const f = new FineWebQualityFilter();
const R = (r: string) => `fineweb_quality:${r}`;
/** Distinct lines of 6 words (over 30 characters), ending in "." or not. */
const line = (i: number, stop: boolean) => `${contentWords(6, i * 6).join(" ")}${stop ? "." : ""}`;

describe("fineweb_quality", () => {
  it("keeps ordinary lines", () => {
    assert.equal(f.check(Array.from({ length: 10 }, (_, i) => line(i, true)).join("\n")), null);
    assert.equal(f.rules.length, 4);
  });

  it("line_punct_ratio: 3 of 25 lines (0.12) removed, 4 of 25 kept; excludeZero spares 0", () => {
    const doc = (p: number) => Array.from({ length: 25 }, (_, i) => line(i, i < p)).join("\n");
    assert.equal(f.check(doc(3)), R("line_punct_ratio"));
    assert.equal(f.check(doc(4)), null);
    assert.equal(f.check(doc(0)), R("line_punct_ratio"));
    assert.equal(new FineWebQualityFilter({ lineEndPunctuationExcludeZero: true }).check(doc(0)), null);
  });

  it("short_line_ratio: 67 of 100 short lines removed, 66 kept", () => {
    const doc = (s: number) => Array.from({ length: 100 }, (_, i) => (i < s ? `${contentWords(3, i * 3).join(" ")}.` : line(500 + i, true))).join("\n");
    assert.equal(f.check(doc(67)), R("short_line_ratio"));
    assert.equal(f.check(doc(66)), null);
  });

  it("char_dup_ratio: removed at the threshold, kept just above it (override)", () => {
    const lines = Array.from({ length: 20 }, (_, i) => line(i, true));
    const text = [...lines, lines[3]].join("\n");
    const ratio = lines[3].length / (text.length - 20);
    assert.equal(new FineWebQualityFilter({ dupLineCharRatioMax: ratio }).check(text), R("char_dup_ratio"));
    assert.equal(new FineWebQualityFilter({ dupLineCharRatioMax: ratio * 1.000001 }).check(text), null);
    assert.equal(f.check(text), R("char_dup_ratio"));
  });

  it("list_ratio: newlines / tokens above 0.3 removed, 0.3 kept", () => {
    // Each line: 2 long words and "." = 3 tokens; n lines have n - 1 newlines.
    const doc = (n: number) => Array.from({ length: n }, (_, i) => `${contentWords(2, i * 2).map((w) => w.padEnd(16, "z")).join(" ")}.`).join("\n");
    assert.equal(f.check(doc(11) + " extra"), null); // 10 / 34
    assert.equal(f.check(doc(10)), null); // 9 / 30 = 0.3
    assert.equal(f.check(doc(11)), R("list_ratio")); // 10 / 33
  });
});
