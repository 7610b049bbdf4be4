// Gopher's quality rules (Rae et al. 2021, appendix A; datatrove's GopherQualityFilter).
// Words come from the shared DocView (see doc-view.ts for how they are split).

import type { Filter } from "../block.ts";
import { resolveConfig, type Overrides } from "./config.ts";
import { skipSpaceBackward, skipSpaceForward, viewOf } from "./doc-view.ts";

export type GopherQualityConfig = {
  /** Fewer words than this removes the document. */
  readonly minDocWords: number | null;
  /** More words than this removes the document. */
  readonly maxDocWords: number | null;
  /** Mean word length (UTF-16 code units) below this removes the document. */
  readonly minAvgWordLength: number | null;
  /** Mean word length above this removes the document. */
  readonly maxAvgWordLength: number | null;
  /** ("#" count) / words, and ("..." + "…" count) / words, above this removes the document. */
  readonly maxSymbolWordRatio: number | null;
  /** Share of lines starting (after leading spaces) with a bullet prefix above this removes it. */
  readonly maxBulletLinesRatio: number | null;
  /** Share of lines ending (before trailing spaces) with "..." or "…" above this removes it. */
  readonly maxEllipsisLinesRatio: number | null;
  /** Share of words containing a letter below this removes it (datatrove: max_non_alpha_words_ratio). */
  readonly minAlphaWordsRatio: number | null;
  /** Fewer stop-word occurrences than this removes it. */
  readonly minStopWords: number | null;
  /** Stop words, matched case-sensitively against whole words, as datatrove does. */
  readonly stopWords: readonly string[];
  readonly bulletPrefixes: readonly string[];
};

export const GOPHER_QUALITY_DEFAULTS: GopherQualityConfig = Object.freeze({
  minDocWords: 50,
  maxDocWords: 100_000,
  minAvgWordLength: 3,
  maxAvgWordLength: 10,
  maxSymbolWordRatio: 0.1,
  maxBulletLinesRatio: 0.9,
  maxEllipsisLinesRatio: 0.3,
  minAlphaWordsRatio: 0.8,
  minStopWords: 2,
  stopWords: Object.freeze(["the", "be", "to", "of", "and", "that", "have", "with"]),
  bulletPrefixes: Object.freeze(["•", "-"]),
});

const NAME = "gopher_quality";

export const GOPHER_QUALITY_RULES = Object.freeze([
  `${NAME}:short_doc`,
  `${NAME}:long_doc`,
  `${NAME}:below_avg_word_length`,
  `${NAME}:above_avg_word_length`,
  `${NAME}:too_many_hashes`,
  `${NAME}:too_many_ellipsis`,
  `${NAME}:too_many_bullet_lines`,
  `${NAME}:too_many_end_ellipsis_lines`,
  `${NAME}:below_alpha_words_ratio`,
  `${NAME}:too_few_stop_words`,
] as const);

export class GopherQualityFilter implements Filter {
  readonly name = NAME;
  readonly config: GopherQualityConfig;
  readonly rules = GOPHER_QUALITY_RULES;
  private readonly stopSet: Set<string>;
  private readonly stopMin: number;
  private readonly stopMax: number;

  constructor(overrides?: Overrides<GopherQualityConfig>) {
    this.config = resolveConfig(NAME, GOPHER_QUALITY_DEFAULTS, overrides);
    this.stopSet = new Set(this.config.stopWords);
    this.stopMin = Math.min(...this.config.stopWords.map((w) => w.length));
    this.stopMax = Math.max(...this.config.stopWords.map((w) => w.length));
  }

  check(text: string): string | null {
    const c = this.config;
    const view = viewOf(text);
    const w = view.words();
    const n = w.count;
    if (c.minDocWords !== null && n < c.minDocWords) return `${NAME}:short_doc`;
    if (c.maxDocWords !== null && n > c.maxDocWords) return `${NAME}:long_doc`;
    if (n === 0) return null; // no word-based ratio is defined; only reachable with minDocWords off

    const avg = w.totalLength / n;
    if (c.minAvgWordLength !== null && avg < c.minAvgWordLength) return `${NAME}:below_avg_word_length`;
    if (c.maxAvgWordLength !== null && avg > c.maxAvgWordLength) return `${NAME}:above_avg_word_length`;

    if (c.maxSymbolWordRatio !== null) {
      if (countOf(text, "#") / n > c.maxSymbolWordRatio) return `${NAME}:too_many_hashes`;
      if ((countOf(text, "...") + countOf(text, "…")) / n > c.maxSymbolWordRatio) return `${NAME}:too_many_ellipsis`;
    }

    if (c.maxBulletLinesRatio !== null || c.maxEllipsisLinesRatio !== null) {
      const lines = view.lines();
      let bullets = 0;
      let ellipses = 0;
      for (let i = 0; i < lines.count; i++) {
        const s = skipSpaceForward(text, lines.starts[i], lines.ends[i]);
        const e = skipSpaceBackward(text, s, lines.ends[i]);
        for (const p of c.bulletPrefixes) {
          if (text.startsWith(p, s) && s + p.length <= e) {
            bullets++;
            break;
          }
        }
        if (endsWithAt(text, s, e, "...") || endsWithAt(text, s, e, "…")) ellipses++;
      }
      const total = Math.max(lines.count, 1);
      if (c.maxBulletLinesRatio !== null && bullets / total > c.maxBulletLinesRatio) return `${NAME}:too_many_bullet_lines`;
      if (c.maxEllipsisLinesRatio !== null && ellipses / total > c.maxEllipsisLinesRatio) {
        return `${NAME}:too_many_end_ellipsis_lines`;
      }
    }

    if (c.minAlphaWordsRatio !== null && w.alphaCount / n < c.minAlphaWordsRatio) return `${NAME}:below_alpha_words_ratio`;

    if (c.minStopWords !== null && c.minStopWords > 0) {
      let found = 0;
      for (let i = 0; i < n && found < c.minStopWords; i++) {
        const len = w.ends[i] - w.starts[i];
        if (len >= this.stopMin && len <= this.stopMax && this.stopSet.has(text.slice(w.starts[i], w.ends[i]))) found++;
      }
      if (found < c.minStopWords) return `${NAME}:too_few_stop_words`;
    }
    return null;
  }
}

/** Non-overlapping occurrences of `needle` (Python's str.count). */
export function countOf(text: string, needle: string): number {
  let k = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) k++;
  return k;
}

function endsWithAt(text: string, start: number, end: number, suffix: string): boolean {
  return end - start >= suffix.length && text.startsWith(suffix, end - suffix.length);
}
