// FineWeb's line-level quality rules (Penedo et al. 2024; datatrove's FineWebQualityFilter).
// Lines here are text.split("\n") as in datatrove (a final "\n" yields a last, empty line).
// Blank lines are not counted (countBlankLines: false): in FineWeb's pipeline these rules run
// after C4's line filter, which joins the lines it keeps with one "\n", so they never saw a
// blank line; counted, each paragraph break is one more short line without punctuation.

import type { Filter } from "../block.ts";
import { resolveConfig, type Overrides } from "./config.ts";
import { skipSpaceForward, viewOf } from "./doc-view.ts";
import { withoutFencedCode } from "./fences.ts";
import { hashA, hashB, hashSpan, PairTable } from "./hashing.ts";

export type FineWebQualityConfig = {
  /** Share of lines ending in . ' " ! ? at or below this removes the document. */
  readonly lineEndPunctuationMin: number | null;
  /** With true, a document with no such line at all is not removed by that rule. */
  readonly lineEndPunctuationExcludeZero: boolean;
  /** Share of lines of at most `shortLineLength` characters at or above this removes it. */
  readonly shortLineRatioMax: number | null;
  readonly shortLineLength: number;
  /** Characters in repeated non-blank lines / characters other than "\n", at or above this removes it. */
  readonly dupLineCharRatioMax: number | null;
  /** "\n" count / tokens (words + symbol runs) above this removes it ("list_ratio"). */
  readonly newlineTokenRatioMax: number | null;
  /** Count blank lines as lines (and their "\n" as newlines), as datatrove does on text that still has them. */
  readonly countBlankLines: boolean;
  /** Judge only the text outside fenced code blocks (a tutorial's prose, not its examples). */
  readonly ignoreFencedCode: boolean;
};

export const FINEWEB_QUALITY_DEFAULTS: FineWebQualityConfig = Object.freeze({
  lineEndPunctuationMin: 0.12,
  lineEndPunctuationExcludeZero: false,
  shortLineRatioMax: 0.67,
  shortLineLength: 30,
  dupLineCharRatioMax: 0.01,
  newlineTokenRatioMax: 0.3,
  countBlankLines: false,
  ignoreFencedCode: false,
});

const NAME = "fineweb_quality";

export const FINEWEB_QUALITY_RULES = Object.freeze([
  `${NAME}:line_punct_ratio`,
  `${NAME}:short_line_ratio`,
  `${NAME}:char_dup_ratio`,
  `${NAME}:list_ratio`,
] as const);

function isStopChar(c: number): boolean {
  return c === 46 || c === 39 || c === 34 || c === 33 || c === 63; // . ' " ! ?
}

export class FineWebQualityFilter implements Filter {
  readonly name = NAME;
  readonly config: FineWebQualityConfig;
  readonly rules = FINEWEB_QUALITY_RULES;
  private readonly table = new PairTable();

  constructor(overrides?: Overrides<FineWebQualityConfig>) {
    this.config = resolveConfig(NAME, FINEWEB_QUALITY_DEFAULTS, overrides);
  }

  check(document: string): string | null {
    const c = this.config;
    const text = c.ignoreFencedCode ? withoutFencedCode(document) : document;
    const n = text.length;
    let lines = 0;
    let punct = 0;
    let short = 0;
    for (let s = 0; ; ) {
      let e = text.indexOf("\n", s);
      if (e === -1) e = n;
      if (c.countBlankLines || skipSpaceForward(text, s, e) < e) {
        lines++;
        if (e > s && isStopChar(text.charCodeAt(e - 1))) punct++;
        if (e - s <= c.shortLineLength) short++;
      }
      if (e === n) break;
      s = e + 1;
    }
    // Nothing but blank lines: no line ends in punctuation, as datatrove finds for "".
    if (lines === 0) return c.lineEndPunctuationMin !== null && !c.lineEndPunctuationExcludeZero ? `${NAME}:line_punct_ratio` : null;
    const newlines = c.countBlankLines ? countNewlines(text) : lines - 1;

    if (c.lineEndPunctuationMin !== null) {
      const ratio = punct / lines;
      if (ratio <= c.lineEndPunctuationMin && !(ratio === 0 && c.lineEndPunctuationExcludeZero)) return `${NAME}:line_punct_ratio`;
    }
    if (c.shortLineRatioMax !== null && short / lines >= c.shortLineRatioMax) return `${NAME}:short_line_ratio`;

    if (c.dupLineCharRatioMax !== null) {
      const t = this.table;
      t.reset(lines);
      let dupChars = 0;
      for (let s = 0; s <= n; ) {
        let e = text.indexOf("\n", s);
        if (e === -1) e = n;
        if (skipSpaceForward(text, s, e) < e) {
          hashSpan(text, s, e);
          if (!t.add(hashA, hashB)) dupChars += e - s;
        }
        s = e + 1;
      }
      const chars = n - countNewlines(text);
      if (chars === 0 ? dupChars > 0 : dupChars / chars >= c.dupLineCharRatioMax) return `${NAME}:char_dup_ratio`;
    }

    if (c.newlineTokenRatioMax !== null && newlines > 0) {
      const w = viewOf(text).words();
      const tokens = w.count + w.symbolRuns;
      if (tokens === 0 || newlines / tokens > c.newlineTokenRatioMax) return `${NAME}:list_ratio`;
    }
    return null;
  }
}

function countNewlines(text: string): number {
  let k = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) k++;
  return k;
}
