import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rng } from "../testset/rng.ts";
import { splitWords } from "./doc-view.ts";
import { GopherRepetitionFilter, type GopherRepetitionConfig } from "./gopher-repetition.ts";
import { contentWords, sentences } from "./test-helpers.ts";

const R = (r: string) => `gopher_repetition:${r}`;
const f = new GopherRepetitionFilter();

// A plain, string-keyed statement of the rules (the filter itself uses integer hashing and a
// shortcut): the filter must agree with it exactly.
function reference(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  const dups = (xs: string[]) => {
    const seen = new Set<string>();
    let n = 0;
    let chars = 0;
    for (const x of xs) {
      if (seen.has(x)) {
        n++;
        chars += x.length;
      } else seen.add(x);
    }
    return [n / xs.length, chars / text.length];
  };
  [out.dup_para_frac, out.dup_para_char_frac] = dups(text.trim().split(/\n{2,}/));
  [out.dup_line_frac, out.dup_line_char_frac] = dups(text.split(/\n+/));
  const w = splitWords(text);
  const words = Array.from({ length: w.count }, (_, i) => text.slice(w.starts[i], w.ends[i]));
  for (const n of [2, 3, 4]) {
    const counts = new Map<string, number>();
    for (let i = 0; i + n <= words.length; i++) {
      const g = words.slice(i, i + n).join(" ");
      counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    let best = "";
    let bestCount = 0;
    for (const [g, c] of counts) if (c > bestCount) [best, bestCount] = [g, c];
    out[`top_${n}_gram`] = (best.length * bestCount) / text.length;
  }
  for (const n of [5, 6, 7, 8, 9, 10]) {
    const seen = new Set<string>();
    let chars = 0;
    let i = 0;
    while (i + n <= words.length) {
      const g = words.slice(i, i + n).join("\u0000");
      if (seen.has(g)) {
        chars += words.slice(i, i + n).join("").length;
        i += n;
      } else {
        seen.add(g);
        i++;
      }
    }
    out[`duplicated_${n}_n_grams`] = chars / text.length;
  }
  return out;
}

/** A filter with only the named rule on, at the given threshold. */
function only(rule: string, threshold: number): GopherRepetitionFilter {
  const cfg: { -readonly [K in keyof GopherRepetitionConfig]: GopherRepetitionConfig[K] } = {
    maxDupParagraphFraction: null,
    maxDupParagraphCharFraction: null,
    maxDupLineFraction: null,
    maxDupLineCharFraction: null,
    topNGrams: [],
    dupNGrams: [],
    ignoreFencedCode: false,
  };
  const m = /^(top|duplicated)_(\d+)_/.exec(rule);
  if (m?.[1] === "top") cfg.topNGrams = [[Number(m[2]), threshold]];
  else if (m) cfg.dupNGrams = [[Number(m[2]), threshold]];
  else {
    const key = { dup_para_frac: "maxDupParagraphFraction", dup_para_char_frac: "maxDupParagraphCharFraction", dup_line_frac: "maxDupLineFraction", dup_line_char_frac: "maxDupLineCharFraction" }[rule] as "maxDupLineFraction";
    cfg[key] = threshold;
  }
  return new GopherRepetitionFilter(cfg);
}

/** Random documents with plenty of repetition at every scale. */
function randomDoc(seed: number): string {
  const r = rng(seed);
  const vocab = contentWords(6 + r.int(30));
  const phrases = Array.from({ length: 4 }, () => Array.from({ length: 3 + r.int(10) }, () => r.pick(vocab)).join(" "));
  const lines: string[] = [];
  for (let l = 0; l < 3 + r.int(25); l++) {
    const parts: string[] = [];
    for (let p = 0; p < 1 + r.int(4); p++) parts.push(r.next() < 0.5 ? r.pick(phrases) : Array.from({ length: 1 + r.int(8) }, () => r.pick(vocab)).join(" "));
    lines.push(parts.join(r.next() < 0.2 ? ", " : " "));
    if (r.next() < 0.3) lines.push("");
  }
  return lines.join("\n");
}

describe("gopher_repetition", () => {
  it("keeps prose without repetition and lists 13 rule ids", () => {
    assert.equal(f.check(sentences(40, 10).join(" ")), null);
    assert.equal(f.rules.length, 13);
  });

  it("agrees with a string-keyed reference on every rule, at and just below each measured value", () => {
    let checked = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const text = randomDoc(seed);
      for (const [rule, value] of Object.entries(reference(text))) {
        if (value === 0) continue;
        assert.equal(only(rule, value).check(text), null, `${rule} at ${value} (seed ${seed})`);
        assert.equal(only(rule, value * (1 - 1e-9)).check(text), R(rule), `${rule} below ${value} (seed ${seed})`);
        checked++;
      }
    }
    assert.ok(checked > 300, `only ${checked} comparisons`);
  });

  it("dup_para_frac: 4 of 11 paragraphs repeated removed, 3 of 10 kept", () => {
    const doc = (copies: number) => [...sentences(6, 12), ...Array(copies).fill("Yes.")].join("\n\n");
    assert.equal(f.check(doc(5)), R("dup_para_frac"));
    assert.equal(f.check(doc(4)), null);
  });

  it("dup_line_frac: the same with single newlines", () => {
    const doc = (copies: number) => [...sentences(6, 12), ...Array(copies).fill("Yes.")].join("\n");
    assert.equal(f.check(doc(5)), R("dup_line_frac"));
    assert.equal(f.check(doc(4)), null);
  });

  it("dup_para_char_frac and dup_line_char_frac: one long paragraph or line repeated", () => {
    const long = sentences(6, 12, 500).join(" ");
    assert.equal(f.check([long, ...sentences(3, 10), long].join("\n\n")), R("dup_para_char_frac"));
    assert.equal(f.check([long, ...sentences(3, 10), long].join("\n")), R("dup_line_char_frac"));
  });

  it("top_2_gram, top_3_gram, top_4_gram: a phrase repeated among unique words", () => {
    const doc = (phrase: string, fillerWords: number) =>
      Array.from({ length: 12 }, (_, i) => `${phrase} ${contentWords(fillerWords, 100 + i * fillerWords).join(" ")}`).join(" ");
    assert.equal(f.check(doc("big cat", 1)), R("top_2_gram"));
    assert.equal(f.check(doc("abcdefghijk bcdefghijkl cdefghijklm", 17)), R("top_3_gram"));
    assert.equal(f.check(doc("abcdefghijk bcdefghijkl cdefghijklm defghijklmn", 24)), R("top_4_gram"));
  });

  it("duplicated_5_n_grams and duplicated_10_n_grams: distinct phrases each said twice", () => {
    const doc = (phraseWords: number, k: number, fillerWords: number) => {
      const parts: string[] = [];
      for (let p = 0; p < k; p++) {
        const phrase = contentWords(phraseWords, 2000 + p * phraseWords).map((w) => w.padEnd(10, "x")).join(" ");
        parts.push(phrase, contentWords(fillerWords, 5000 + p * 4 * fillerWords).join(" "), phrase, contentWords(fillerWords, 5000 + (p * 4 + 2) * fillerWords).join(" "));
      }
      return parts.join(" ");
    };
    const five = doc(5, 5, 12);
    assert.equal(f.check(five), R("duplicated_5_n_grams"), JSON.stringify(reference(five)));
    const ten = doc(10, 4, 40);
    assert.equal(f.check(ten), R("duplicated_10_n_grams"), JSON.stringify(reference(ten)));
  });

  it("config: null and empty lists disable rules; n-gram sizes are validated", () => {
    const spam = "buy now ".repeat(50);
    assert.equal(new GopherRepetitionFilter({ topNGrams: [], dupNGrams: [] }).check(spam), null);
    assert.throws(() => new GopherRepetitionFilter({ topNGrams: [[0, 0.2]] }), /bad n-gram/);
  });
});
