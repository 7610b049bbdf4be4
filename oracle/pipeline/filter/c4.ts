// C4's rules (Raffel et al. 2020; datatrove's C4QualityFilter), split in two blocks because C4
// both edits documents and removes them:
//   - C4LineTransform ("c4_lines") drops lines: too long a word, no terminal punctuation, too few
//     words, "javascript", cookie/terms phrases; and removes Wikipedia-style citation marks.
//   - C4QualityFilter ("c4_quality") removes whole documents: "lorem ipsum", a curly bracket, or
//     fewer than 5 sentences. Run it right after the transform, on the transformed text.
// The transform never drops a line for "javascript" or a policy phrase when that line contains
// "lorem ipsum", or "{" (unless it says "javascript"), so the filter sees exactly the lines that
// make datatrove drop the whole document.

import type { Filter, Transform } from "../block.ts";
import { classOf, SPACE } from "./chars.ts";
import { resolveConfig, type Overrides } from "./config.ts";
import { skipSpaceBackward, skipSpaceForward, splitLines } from "./doc-view.ts";
import { withoutFencedCode } from "./fences.ts";

export type C4LinesConfig = {
  /** Remove "[1]", "[]", "[edit]", "[citation needed]" from lines. */
  readonly removeCitations: boolean;
  /** Drop lines not ending in . ? ! " ' (or ending in "..."). */
  readonly dropNoTerminalPunctuation: boolean;
  /** Drop lines with fewer whitespace-separated words than this. */
  readonly minWordsPerLine: number | null;
  /** Drop lines with a whitespace-separated word longer than this. */
  readonly maxWordLength: number | null;
  /** Drop lines mentioning "javascript" (any case). */
  readonly dropJavascript: boolean;
  /**
   * With dropJavascript: drop only lines that read as a "JavaScript is required / disabled"
   * notice (the boilerplate C4 aims at), not prose that is about JavaScript. Default false (C4).
   */
  readonly javascriptNoticesOnly: boolean;
  /** Drop lines containing any of `policyPhrases` (any case). */
  readonly dropPolicy: boolean;
  readonly policyPhrases: readonly string[];
  /**
   * Keep fenced code blocks (``` or ~~~ to the closing fence) as they are: line rules written
   * for web prose would cut a tutorial's code example to its long lines. Default false (C4).
   */
  readonly keepFencedCode: boolean;
  /**
   * Keep a short line that ends the sentence the kept line just above it left open (no blank
   * line between, that line without terminal punctuation): the tail of a wrapped sentence the
   * layout block did not re-flow (columns under 40 characters). Default false (C4).
   */
  readonly keepSentenceTails: boolean;
  /** Keep one blank line where the input had one or more between two kept lines (datatrove joins all kept lines with "\n"). */
  readonly keepParagraphBreaks: boolean;
};

export const C4_LINES_DEFAULTS: C4LinesConfig = Object.freeze({
  removeCitations: true,
  dropNoTerminalPunctuation: true,
  minWordsPerLine: 3,
  maxWordLength: 1000,
  dropJavascript: true,
  javascriptNoticesOnly: false,
  dropPolicy: true,
  policyPhrases: Object.freeze(["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"]),
  keepParagraphBreaks: true,
  keepFencedCode: false,
  keepSentenceTails: false,
});

const CITATION = /\[\d*\]|\[edit\]|\[citation needed\]/g;
const LOREM = /lorem ipsum/i;
const JAVASCRIPT = /javascript/i;
const JAVASCRIPT_NOTICE =
  /\b(enable|enabled|enabling|disable|disabled|turn on|turned off|activate|allow|requires?|required|needs?|support|supports|without)\b.{0,40}\bjavascript\b|\bjavascript\b.{0,40}\b(enabled|disabled|required|turned off|is off|is not (enabled|supported|available))\b/i;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export class C4LineTransform implements Transform {
  readonly name = "c4_lines";
  readonly config: C4LinesConfig;
  private readonly policy: RegExp | null;
  /** The phrases lower-cased, when all are ASCII (then lower-casing cannot lose a match); else null. */
  private readonly policyPhrases: string[] | null;

  constructor(overrides?: Overrides<C4LinesConfig>) {
    this.config = resolveConfig(this.name, C4_LINES_DEFAULTS, overrides);
    const phrases = this.config.policyPhrases;
    this.policy = phrases.length > 0 ? new RegExp(phrases.map(escapeRegExp).join("|"), "i") : null;
    this.policyPhrases = phrases.every((p) => /^[\x00-\x7f]*$/.test(p)) ? phrases.map((p) => p.toLowerCase()) : null;
  }

  apply(text: string, counts: Record<string, number>): string {
    const c = this.config;
    const lines = splitLines(text);
    const kept: string[] = [];
    let pendingBreak = false;
    let dropped = 0;
    let fence = "";
    let lastKeptLine = -1;
    // Each phrase rule runs on a line only when the whole text holds a match: a line is a slice of
    // the text, so a text without one has no line with one (unless removing citations joined one).
    // Lower-cased, the text holds every phrase any line matches case-insensitively (the phrases are
    // ASCII): a plain search over it is a cheaper necessary condition than each regex over the text.
    const lower = text.toLowerCase();
    const inText = {
      lorem: lower.includes("lorem ipsum"),
      javascript: lower.includes("javascript"),
      policy: this.policyPhrases === null || this.policyPhrases.some((p) => lower.includes(p)),
    };
    for (let li = 0; li < lines.count; li++) {
      const s = skipSpaceForward(text, lines.starts[li], lines.ends[li]);
      const e = skipSpaceBackward(text, s, lines.ends[li]);
      if (c.keepFencedCode && (fence !== "" || text.startsWith("```", s) || text.startsWith("~~~", s))) {
        const marker = text.startsWith("```", s) ? "```" : text.startsWith("~~~", s) ? "~~~" : "";
        if (fence === "") fence = marker;
        else if (marker === fence) fence = "";
        if (pendingBreak && c.keepParagraphBreaks) kept.push("");
        pendingBreak = false;
        kept.push(text.slice(lines.starts[li], e));
        continue;
      }
      if (s === e) {
        if (kept.length > 0) pendingBreak = true;
        bump(counts, "blank");
        dropped++;
        continue;
      }
      // Whitespace-separated words: count and longest.
      let words = 0;
      let longest = 0;
      for (let i = s; i < e; ) {
        while (i < e && (classOf(text.charCodeAt(i)) & SPACE) !== 0) i++;
        if (i === e) break;
        const w0 = i;
        while (i < e && (classOf(text.charCodeAt(i)) & SPACE) === 0) i++;
        words++;
        if (i - w0 > longest) longest = i - w0;
      }
      if (c.maxWordLength !== null && longest > c.maxWordLength) {
        bump(counts, "too_long_word");
        dropped++;
        continue;
      }
      let line = text.slice(s, e);
      let cited = false;
      if (c.removeCitations && line.includes("[")) {
        const without = line.replace(CITATION, "");
        cited = without !== line;
        if (cited) bump(counts, "citations");
        line = without;
      }
      if (c.dropNoTerminalPunctuation && !endsTerminal(line)) {
        bump(counts, "no_terminal_punct");
        dropped++;
        continue;
      }
      const tail = c.keepSentenceTails && !pendingBreak && continuesSentence(kept, line, li > 0 && lastKeptLine === li - 1);
      if (c.minWordsPerLine !== null && words < c.minWordsPerLine && !tail) {
        bump(counts, "too_few_words");
        dropped++;
        continue;
      }
      const javascript = (cited || inText.javascript) && JAVASCRIPT.test(line);
      const decisive = ((cited || inText.lorem) && LOREM.test(line)) || (line.includes("{") && !javascript);
      if (!decisive) {
        if (c.dropJavascript && javascript && (!c.javascriptNoticesOnly || JAVASCRIPT_NOTICE.test(line))) {
          bump(counts, "javascript");
          dropped++;
          continue;
        }
        if (c.dropPolicy && this.policy !== null && (cited || inText.policy) && this.policy.test(line)) {
          bump(counts, "policy");
          dropped++;
          continue;
        }
      }
      if (pendingBreak && c.keepParagraphBreaks) kept.push("");
      pendingBreak = false;
      kept.push(line);
      lastKeptLine = li;
    }
    counts.lines_dropped = (counts.lines_dropped ?? 0) + dropped;
    // Python's str.strip() of the joined text: kept lines are already stripped, so only an
    // empty result needs care.
    return kept.join("\n");
  }
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** `line` ends a sentence that the kept line right above it (`adjacent`) left open. */
function continuesSentence(kept: readonly string[], line: string, adjacent: boolean): boolean {
  if (!adjacent || kept.length === 0) return false;
  const above = kept[kept.length - 1];
  return above.length > 0 && !/[.!?:;]["')\u201d\u2019]*$/.test(above) && /[.!?]["')\u201d\u2019]*$/.test(line);
}

function endsTerminal(line: string): boolean {
  const n = line.length;
  if (n === 0) return false;
  const c = line.charCodeAt(n - 1);
  if (c !== 46 && c !== 63 && c !== 33 && c !== 34 && c !== 39) return false; // . ? ! " '
  return !line.endsWith("...");
}

export type C4QualityConfig = {
  readonly removeLoremIpsum: boolean;
  readonly removeCurlyBracket: boolean;
  /**
   * With removeCurlyBracket: ignore braces inside fenced code blocks (``` or ~~~), inline code
   * spans (`{ a }`) and markup
   * braces around a few words on one line ({I/O processors}, {@link Foo}, {string}). C4 meant
   * to drop pages of code; this keeps tutorials and dictionaries that quote code or link terms.
   */
  readonly ignoreCodeAndMarkupBraces: boolean;
  /** Fewer sentences than this removes the document (null disables). */
  readonly minSentences: number | null;
  /** Lower-case words that end in "." without ending a sentence. */
  readonly abbreviations: readonly string[];
};

export const C4_QUALITY_DEFAULTS: C4QualityConfig = Object.freeze({
  removeLoremIpsum: true,
  removeCurlyBracket: true,
  ignoreCodeAndMarkupBraces: false,
  minSentences: 5,
  abbreviations: Object.freeze(["mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "no", "fig", "inc", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]),
});

const Q_NAME = "c4_quality";

export const C4_QUALITY_RULES = Object.freeze([`${Q_NAME}:lorem_ipsum`, `${Q_NAME}:curly_bracket`, `${Q_NAME}:too_few_sentences`] as const);

export class C4QualityFilter implements Filter {
  readonly name = Q_NAME;
  readonly config: C4QualityConfig;
  readonly rules = C4_QUALITY_RULES;
  private readonly abbreviations: Set<string>;

  constructor(overrides?: Overrides<C4QualityConfig>) {
    this.config = resolveConfig(Q_NAME, C4_QUALITY_DEFAULTS, overrides);
    this.abbreviations = new Set(this.config.abbreviations);
  }

  check(text: string): string | null {
    const c = this.config;
    if (c.removeLoremIpsum && LOREM.test(text)) return `${Q_NAME}:lorem_ipsum`;
    if (c.removeCurlyBracket && text.includes("{") && (!c.ignoreCodeAndMarkupBraces || hasCodeBrace(text))) {
      return `${Q_NAME}:curly_bracket`;
    }
    if (c.minSentences !== null && countSentences(text, c.minSentences, this.abbreviations) < c.minSentences) {
      return `${Q_NAME}:too_few_sentences`;
    }
    return null;
  }
}

const INLINE_CODE = /(`+)(?:[^`\n]|\n(?![ \t]*\n))+?\1/g;
const MARKUP_BRACES = /\{@(?:link|linkcode|linkplain|see|inheritDoc) [^{}\n]{1,200}\}|\{[@#]?[\p{L}\p{N}][\p{L}\p{N} .,'\/_#*|()<>[\]-]{0,60}\}/gu;

/** A "{" outside fenced code, inline code spans and markup braces. */
export function hasCodeBrace(text: string): boolean {
  return withoutFencedCode(text).replace(INLINE_CODE, "").replace(MARKUP_BRACES, "").includes("{");
}

/**
 * Sentences in `text`, counted line by line, stopping once `enough` are found. A sentence ends at
 * a run of . ! ? (and closing quotes or brackets after it) followed by whitespace or the end of
 * the line, unless the word before a single "." is a listed abbreviation or a single letter;
 * text after the last end on a line counts as one more sentence if it has a letter or digit.
 * (datatrove uses NLTK's Punkt sentence tokenizer; this is a deterministic stand-in for it.)
 */
export function countSentences(text: string, enough: number, abbreviations: ReadonlySet<string>): number {
  let count = 0;
  const n = text.length;
  let content = false; // a letter or digit since the last sentence end
  for (let i = 0; i < n && count < enough; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      if (content) count++;
      content = false;
      continue;
    }
    if (ch === 46 || ch === 33 || ch === 63) {
      let j = i + 1;
      let single = ch === 46;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 46 || d === 33 || d === 63) single = false;
        else if (!(d === 34 || d === 39 || d === 41 || d === 93 || d === 0x201d || d === 0x2019)) break;
        j++;
      }
      const atEnd = j === n || (classOf(text.charCodeAt(j)) & SPACE) !== 0;
      if (atEnd && content && !(single && isAbbreviation(text, i, abbreviations))) {
        count++;
        content = false;
      }
      i = j - 1;
      continue;
    }
    if (!content && (classOf(ch) & 3) !== 0) content = true; // LETTER | WORD_OTHER
  }
  if (content && count < enough) count++;
  return count;
}

function isAbbreviation(text: string, dot: number, abbreviations: ReadonlySet<string>): boolean {
  let s = dot;
  while (s > 0) {
    const c = text.charCodeAt(s - 1);
    if ((classOf(c) & SPACE) !== 0) break;
    s--;
  }
  const word = text.slice(s, dot).toLowerCase().replace(/^[("'\[]+/, "");
  return (word.length === 1 && /\p{L}/u.test(word)) || abbreviations.has(word);
}
