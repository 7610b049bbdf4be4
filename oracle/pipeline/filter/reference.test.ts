// Differential tests: each rule against a plain transcription of its reference implementation
// (datatrove's src/datatrove/pipeline/filters/: fineweb_quality_filter.py, gopher_quality_filter.py,
// c4_filters.py), run on every document of the labelled prose set and on its C4-joined form.
// The transcriptions use plain string operations; the blocks under test are the optimised ones.
// Where the project differs on purpose (word splitting, blank lines, sentence counting) the
// reference is given the same input the difference documents (README.md, "Rules").
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Normalize } from "../normalize/normalize.ts";
import { C4LineTransform, C4QualityFilter } from "./c4.ts";
import { readDecisionSet } from "./decisions/set.ts";
import { splitWords } from "./doc-view.ts";
import { FineWebQualityFilter } from "./fineweb-quality.ts";
import { GopherQualityFilter } from "./gopher-quality.ts";

const normalize = new Normalize();
const fixtures = [
  ...readDecisionSet("prose").map((d) => normalize.apply(d.text, {})),
  "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\nThe second line is fine.",
  "Please enable JavaScript to view the page.\nA { brace } in a line of prose.",
  "We use cookies on this site to improve it.\nThis line has a { in it and mentions cookie policy.",
  "Short.\n\n\nA citation[1] here, and [edit] there, [citation needed].\n" + "x".repeat(1001) + " long word line.",
];
/** What FineWeb's line rules saw: C4's line filter had joined the lines it kept with one "\n". */
const c4Joined = (text: string) => text.split("\n").filter((l) => l.trim().length > 0).join("\n");
const words = (text: string) => {
  const w = splitWords(text);
  return Array.from({ length: w.count }, (_, i) => text.slice(w.starts[i], w.ends[i]));
};
const isSpace = (c: string) => /\p{White_Space}/u.test(c);
const strip = (s: string) => s.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, "");
const splitlines = (s: string) => {
  const out = s.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/);
  if (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out;
};

function fineWebReference(text: string): string | null {
  const lines = text.split("\n");
  const stop = (l: string) => /[.'"!?]$/.test(l);
  let ratio = lines.filter(stop).length / lines.length;
  if (ratio <= 0.12) return "line_punct_ratio";
  ratio = lines.filter((l) => l.length <= 30).length / lines.length;
  if (ratio >= 0.67) return "short_line_ratio";
  const seen = new Set<string>();
  let dupChars = 0;
  for (const l of lines.filter((l) => strip(l) !== "")) {
    if (seen.has(l)) dupChars += l.length;
    else seen.add(l);
  }
  if (dupChars / text.replaceAll("\n", "").length >= 0.01) return "char_dup_ratio";
  const w = splitWords(text);
  if ((text.split("\n").length - 1) / (w.count + w.symbolRuns) > 0.3) return "list_ratio";
  return null;
}

function gopherReference(text: string): string | null {
  const w = words(text);
  const n = w.length;
  if (n < 50) return "short_doc";
  if (n > 100_000) return "long_doc";
  const avg = w.reduce((a, x) => a + x.length, 0) / n;
  if (avg < 3) return "below_avg_word_length";
  if (avg > 10) return "above_avg_word_length";
  if (text.split("#").length - 1 > 0.1 * n) return "too_many_hashes";
  if (text.split("...").length - 1 + text.split("…").length - 1 > 0.1 * n) return "too_many_ellipsis";
  const lines = splitlines(text);
  const lstrip = (s: string) => s.replace(/^\p{White_Space}+/u, "");
  const rstrip = (s: string) => s.replace(/\p{White_Space}+$/u, "");
  if (lines.filter((l) => lstrip(l).startsWith("•") || lstrip(l).startsWith("-")).length / Math.max(lines.length, 1) > 0.9) return "too_many_bullet_lines";
  if (lines.filter((l) => rstrip(l).endsWith("...") || rstrip(l).endsWith("…")).length / Math.max(lines.length, 1) > 0.3) return "too_many_end_ellipsis_lines";
  if (w.filter((x) => /\p{L}/u.test(x)).length / n < 0.8) return "below_alpha_words_ratio";
  const stop = new Set(["the", "be", "to", "of", "and", "that", "have", "with"]);
  if (w.filter((x) => stop.has(x)).length < 2) return "too_few_stop_words";
  return null;
}

/** datatrove's C4QualityFilter with min_num_sentences off: (removed by, text kept). */
function c4Reference(text: string): { rule: string | null; text: string } {
  const kept: string[] = [];
  const policy = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"];
  for (let line of splitlines(text)) {
    line = strip(line);
    const ws = line.split(/\p{White_Space}+/u).filter((x) => x.length > 0);
    if (ws.some((x) => x.length > 1000)) continue;
    line = line.replace(/\[\d*\]|\[edit\]|\[citation needed\]/g, "");
    if (!/[.?!"']$/.test(line) || line.endsWith("...")) continue;
    if (ws.length < 3) continue;
    const lower = line.toLowerCase();
    if (lower.includes("lorem ipsum")) return { rule: "lorem_ipsum", text };
    if (lower.includes("javascript")) continue;
    if (line.includes("{")) return { rule: "curly_bracket", text };
    if (policy.some((p) => lower.includes(p))) continue;
    kept.push(line);
  }
  return { rule: null, text: strip(kept.join("\n")) };
}

describe("each rule decides as its reference implementation does, on every document of the labelled set", () => {
  it("fineweb_quality with blank lines counted equals datatrove's FineWebQualityFilter on the same text", () => {
    const f = new FineWebQualityFilter({ countBlankLines: true });
    for (const t of fixtures) assert.equal(f.check(t), ((r) => r && `fineweb_quality:${r}`)(fineWebReference(t)), t.slice(0, 200));
  });

  it("fineweb_quality as configured (blank lines skipped) equals datatrove's on the text C4 hands it in FineWeb's pipeline", () => {
    const f = new FineWebQualityFilter();
    for (const t of fixtures) assert.equal(f.check(t), ((r) => r && `fineweb_quality:${r}`)(fineWebReference(c4Joined(t))), t.slice(0, 200));
  });

  it("gopher_quality equals datatrove's GopherQualityFilter (over the project's word split)", () => {
    const f = new GopherQualityFilter();
    for (const t of fixtures) assert.equal(f.check(t), ((r) => r && `gopher_quality:${r}`)(gopherReference(t)), t.slice(0, 200));
  });

  it("c4_lines then c4_quality equal datatrove's C4QualityFilter: the same documents removed, the same text kept", () => {
    const lines = new C4LineTransform({ keepParagraphBreaks: false });
    const quality = new C4QualityFilter({ minSentences: null });
    for (const t of fixtures) {
      const ref = c4Reference(t);
      const out = lines.apply(t, {});
      const removed = quality.check(out);
      assert.equal(removed !== null, ref.rule !== null, t.slice(0, 200));
      if (removed === null) assert.equal(out, ref.text, t.slice(0, 200));
    }
  });
});
