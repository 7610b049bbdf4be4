// Gopher's repetition rules (Rae et al. 2021, table A1; datatrove's GopherRepetitionFilter, the
// version that splits lines on "\n+" and measures duplicated n-grams by their words' characters).
// Everything is counted over 64-bit integer keys (hashing.ts), never over joined strings.

import { withoutFencedCode } from "./fences.ts";
import type { Filter } from "../block.ts";
import { resolveConfig, type Overrides } from "./config.ts";
import { skipSpaceBackward, skipSpaceForward, viewOf } from "./doc-view.ts";
import { combineA, combineB, PairTable } from "./hashing.ts";

/** [n, maximum fraction of the document's characters]. */
export type NGramLimit = readonly [number, number];

export type GopherRepetitionConfig = {
  /** Share of paragraphs (split on two or more "\n") that repeat an earlier one. */
  readonly maxDupParagraphFraction: number | null;
  /** Characters in repeated paragraphs / characters of the document. */
  readonly maxDupParagraphCharFraction: number | null;
  /** Share of lines (split on one or more "\n") that repeat an earlier one. */
  readonly maxDupLineFraction: number | null;
  /** Characters in repeated lines / characters of the document. */
  readonly maxDupLineCharFraction: number | null;
  /** For each n: (length of the most frequent n-gram, words joined by one space) × its count / characters. */
  readonly topNGrams: readonly NGramLimit[];
  /** For each n: characters of the words in non-overlapping repeated n-grams / characters. */
  readonly dupNGrams: readonly NGramLimit[];
  /** Judge only the text outside fenced code blocks (code repeats its braces and fences). */
  readonly ignoreFencedCode: boolean;
};

export const GOPHER_REPETITION_DEFAULTS: GopherRepetitionConfig = Object.freeze({
  maxDupParagraphFraction: 0.3,
  maxDupParagraphCharFraction: 0.2,
  maxDupLineFraction: 0.3,
  maxDupLineCharFraction: 0.2,
  topNGrams: Object.freeze([[2, 0.2], [3, 0.18], [4, 0.16]] as const),
  dupNGrams: Object.freeze([[5, 0.15], [6, 0.14], [7, 0.13], [8, 0.12], [9, 0.11], [10, 0.1]] as const),
  ignoreFencedCode: false,
});

const NAME = "gopher_repetition";

export class GopherRepetitionFilter implements Filter {
  readonly name = NAME;
  readonly config: GopherRepetitionConfig;
  readonly rules: readonly string[];
  private readonly table = new PairTable();
  private readonly seen = new Set<string>();

  constructor(overrides?: Overrides<GopherRepetitionConfig>) {
    this.config = resolveConfig(NAME, GOPHER_REPETITION_DEFAULTS, overrides);
    for (const [n, f] of [...this.config.topNGrams, ...this.config.dupNGrams]) {
      if (!Number.isInteger(n) || n < 1 || n > 64 || typeof f !== "number") throw new Error(`${NAME}: bad n-gram limit [${n}, ${f}]`);
    }
    this.rules = Object.freeze([
      `${NAME}:dup_para_frac`,
      `${NAME}:dup_para_char_frac`,
      `${NAME}:dup_line_frac`,
      `${NAME}:dup_line_char_frac`,
      ...this.config.topNGrams.map(([n]) => `${NAME}:top_${n}_gram`),
      ...this.config.dupNGrams.map(([n]) => `${NAME}:duplicated_${n}_n_grams`),
    ]);
  }

  check(document: string): string | null {
    const c = this.config;
    const text = c.ignoreFencedCode ? withoutFencedCode(document) : document;
    const len = text.length;
    if (len === 0) return null;

    if (c.maxDupParagraphFraction !== null || c.maxDupParagraphCharFraction !== null) {
      this.duplicates(text, "paragraphs");
      if (c.maxDupParagraphFraction !== null && dupElements / totalElements > c.maxDupParagraphFraction) return `${NAME}:dup_para_frac`;
      if (c.maxDupParagraphCharFraction !== null && dupChars / len > c.maxDupParagraphCharFraction) return `${NAME}:dup_para_char_frac`;
    }
    if (c.maxDupLineFraction !== null || c.maxDupLineCharFraction !== null) {
      this.duplicates(text, "lines");
      if (c.maxDupLineFraction !== null && dupElements / totalElements > c.maxDupLineFraction) return `${NAME}:dup_line_frac`;
      if (c.maxDupLineCharFraction !== null && dupChars / len > c.maxDupLineCharFraction) return `${NAME}:dup_line_char_frac`;
    }
    if (c.topNGrams.length === 0 && c.dupNGrams.length === 0) return null;

    const view = viewOf(text);
    const words = view.words();
    const n = words.count;
    const { a: wa, b: wb } = view.wordHashes();
    // Prefix sums of word lengths: the characters of words i..i+k-1 in O(1).
    const pre = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) pre[i + 1] = pre[i] + (words.ends[i] - words.starts[i]);

    // Running n-gram keys: after keysFor(k), ka[i]/kb[i] is the key of words i..i+k-1.
    const ka = Uint32Array.from(wa);
    const kb = Uint32Array.from(wb);
    let size = 1;
    const keysFor = (k: number): void => {
      if (k < size) {
        ka.set(wa);
        kb.set(wb);
        size = 1;
      }
      for (; size < k; size++) {
        for (let i = 0; i + size < n; i++) {
          ka[i] = combineA(ka[i], wa[i + size]);
          kb[i] = combineB(kb[i], wb[i + size]);
        }
      }
    };
    const t = this.table;

    for (const [k, frac] of c.topNGrams) {
      const grams = n - k + 1;
      if (grams <= 0) continue;
      keysFor(k);
      // Most frequent n-gram (ties: the one seen first, as Python's Counter.most_common).
      t.reset(grams);
      let bestCount = 0;
      let bestOrder = 0;
      let bestStart = 0;
      for (let i = 0; i < grams; i++) {
        t.add(ka[i], kb[i]);
        if (t.count > bestCount || (t.count === bestCount && t.order < bestOrder)) {
          bestCount = t.count;
          bestOrder = t.order;
          bestStart = i;
        }
      }
      const chars = pre[bestStart + k] - pre[bestStart] + (k - 1);
      if ((chars * bestCount) / len > frac) return `${NAME}:top_${k}_gram`;
    }

    if (c.dupNGrams.length === 0) return null;
    // Duplicated n-grams, counted as datatrove does: scanning left to right, an n-gram seen
    // before adds its words' characters and the scan jumps past it; n-grams inside it are never
    // added to the set. Shortcut (exact): an n-gram whose first n0 words (n0 = the smallest n
    // listed) occur nowhere else in the document can neither repeat nor be repeated, so it is
    // passed over without touching the set. In prose that is most positions.
    const n0 = Math.min(...c.dupNGrams.map(([k]) => k));
    const grams0 = n - n0 + 1;
    if (grams0 <= 0) return null;
    keysFor(n0);
    t.reset(grams0);
    const slot = new Int32Array(grams0);
    for (let i = 0; i < grams0; i++) {
      t.add(ka[i], kb[i]);
      slot[i] = t.order;
    }
    const multi = new Uint8Array(grams0);
    let anyMulti = false;
    for (let i = 0; i < grams0; i++) {
      if (t.countByOrder(slot[i]) > 1) {
        multi[i] = 1;
        anyMulti = true;
      }
    }
    for (const [k, frac] of c.dupNGrams) {
      const grams = n - k + 1;
      if (grams <= 0 || !anyMulti) continue;
      t.reset(grams);
      let repeated = 0;
      let i = 0;
      while (i < grams) {
        if (multi[i] === 0) {
          i += 1;
          continue;
        }
        let a = ka[i];
        let b = kb[i];
        for (let j = i + n0; j < i + k; j++) {
          a = combineA(a, wa[j]);
          b = combineB(b, wb[j]);
        }
        if (t.add(a, b)) i += 1;
        else {
          repeated += pre[i + k] - pre[i];
          i += k;
        }
      }
      if (repeated / len > frac) return `${NAME}:duplicated_${k}_n_grams`;
    }
    return null;
  }

  /**
   * Sets dupElements, dupChars and totalElements for the document's paragraphs or lines.
   * Lines are keyed by the string itself: V8 slices and hashes strings natively, which measured
   * faster here than hashing each character in JavaScript.
   */
  private duplicates(text: string, unit: "paragraphs" | "lines"): void {
    dupElements = 0;
    dupChars = 0;
    totalElements = 0;
    let start = 0;
    let end = text.length;
    if (unit === "paragraphs") {
      start = skipSpaceForward(text, 0, end);
      end = skipSpaceBackward(text, start, end);
    }
    const minBreak = unit === "paragraphs" ? 2 : 1;
    const seen = this.seen;
    seen.clear();
    let s = start;
    for (let i = text.indexOf("\n", start); ; i = text.indexOf("\n", i)) {
      if (i === -1 || i >= end) break;
      let j = i + 1;
      while (j < end && text.charCodeAt(j) === 10) j++;
      if (j - i >= minBreak) {
        this.element(text.slice(s, i));
        s = j;
      }
      i = j;
      if (i >= end) break;
    }
    this.element(text.slice(s, end));
    seen.clear();
  }

  private element(e: string): void {
    totalElements++;
    const size = this.seen.size;
    this.seen.add(e);
    if (this.seen.size === size) {
      dupElements++;
      dupChars += e.length;
    }
  }
}

// Results of GopherRepetitionFilter.duplicates (module registers; check() is synchronous).
let dupElements = 0;
let dupChars = 0;
let totalElements = 0;
