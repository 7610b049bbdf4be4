// tiktoken's pre-tokenizer: splits text into pieces that byte-pair merging never crosses.
//
// Two implementations of one pattern, chosen per piece:
// - an ASCII scanner, for pieces whose extent ASCII characters alone decide (nearly all of English
//   text and code); it gives up (returns -1) as soon as a non-ASCII character could matter;
// - tiktoken's regex, rewritten for JavaScript, for everything else.
//
// The regex keeps tiktoken's structure (both engines pick the leftmost-first alternative with
// greedy quantifiers). What differs is rewritten:
// - classes are pinned to Unicode 16 (unicode-classes.ts), not the running Node's `\p{…}`;
// - `\s` in tiktoken (Rust `regex`) is Unicode White_Space: it includes U+0085 and excludes
//   U+FEFF, unlike JavaScript's `\s`;
// - `(?i:'s|…)` is not valid JavaScript (no inline modifiers in Node 22). Rust folds case with
//   Unicode simple case folding, under which `s` also matches U+017F (ſ); no other character
//   folds to t, r, e, v, m, l or d. The group is written with explicit classes, and no global
//   `i` flag (it would fold the letter classes too).
import type { EncodingName } from "./ranks.ts";
import { classExpr } from "./unicode-classes.ts";

/** The pattern strings tiktoken's own files give: a changed file must fail loudly. */
export const TIKTOKEN_PATTERNS: Record<EncodingName, string> = {
  o200k_base:
    String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
  cl100k_base: String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
};

function source(encoding: EncodingName): string {
  const L = classExpr("letter");
  const N = classExpr("number");
  const WS = classExpr("whiteSpace");
  const UP = classExpr("upperish");
  const LOW = classExpr("lowerish");
  const CONTRACTION = String.raw`'(?:[sS\u017F]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])`;
  const tail = [
    String.raw`${N}{1,3}`,
    encoding === "o200k_base" ? String.raw` ?[^${WS}${L}${N}]+[\r\n\/]*` : String.raw` ?[^${WS}${L}${N}]+[\r\n]*`,
    String.raw`${WS}*[\r\n]+`,
    String.raw`${WS}+(?![^${WS}])`,
    String.raw`${WS}+`,
  ];
  if (encoding === "o200k_base") {
    return [
      String.raw`[^\r\n${L}${N}]?${UP}*${LOW}+(?:${CONTRACTION})?`,
      String.raw`[^\r\n${L}${N}]?${UP}+${LOW}*(?:${CONTRACTION})?`,
      ...tail,
    ].join("|");
  }
  return [CONTRACTION, String.raw`[^\r\n${L}${N}]?${L}+`, ...tail].join("|");
}

/** A fresh sticky regex (each user owns one: `lastIndex` is state). Pieces tile the text. */
export function pieceRegex(encoding: EncodingName): RegExp {
  return new RegExp(source(encoding), "vy");
}

// ASCII character kinds for the scanner.
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;
const NEWLINE = 4; // \r \n
const SPACE = 5; // \t \v \f and " " (the other ASCII White_Space)
const OTHER = 6; // punctuation, symbols, controls
const KIND = new Uint8Array(128).fill(OTHER);
for (let c = 97; c <= 122; c++) KIND[c] = LOWER;
for (let c = 65; c <= 90; c++) KIND[c] = UPPER;
for (let c = 48; c <= 57; c++) KIND[c] = DIGIT;
KIND[10] = NEWLINE;
KIND[13] = NEWLINE;
for (const c of [9, 11, 12, 32]) KIND[c] = SPACE;

const NON_ASCII = 0; // kind of a code unit >= 128 (and of the end of the text, handled apart)

function kindAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? KIND[c] : NON_ASCII;
}

/** End of a `'s|'t|'re|'ve|'m|'ll|'d` (case-insensitive, ſ for s) at i, or i if none. */
export function contractionEnd(text: string, i: number): number {
  if (text.charCodeAt(i) !== 39) return i;
  const a = text.charCodeAt(i + 1) | 0x20; // ASCII lowercase; NaN|0x20 = 0x20 at the end
  if (a === 0x73 || a === 0x74 || a === 0x6d || a === 0x64 || text.charCodeAt(i + 1) === 0x17f) return i + 2;
  const b = text.charCodeAt(i + 2) | 0x20;
  if ((a === 0x72 && b === 0x65) || (a === 0x76 && b === 0x65) || (a === 0x6c && b === 0x6c)) return i + 3;
  return i;
}

/** End of the run of kind `k` from i (i itself is of that kind or not: returns i then). */
function runEnd(text: string, i: number, len: number, k: number): number {
  while (i < len && kindAt(text, i) === k) i++;
  return i;
}

/**
 * o200k letters from i (text[i] is an ASCII letter): `UP* LOW+ C?` else `UP+ LOW* C?`.
 * ASCII uppercase and lowercase are disjoint, so no backtracking choice matters.
 */
function o200kLetters(text: string, i: number, len: number): number {
  const j = runEnd(text, i, len, UPPER);
  if (j < len && kindAt(text, j) === NON_ASCII) return -1; // Lu/Lo/M… could extend it
  if (j < len && kindAt(text, j) === LOWER) {
    const k = runEnd(text, j, len, LOWER);
    if (k < len && kindAt(text, k) === NON_ASCII) return -1;
    return contractionEnd(text, k);
  }
  return contractionEnd(text, j);
}

function letterRun(text: string, i: number, len: number): number {
  while (i < len) {
    const k = kindAt(text, i);
    if (k === LOWER || k === UPPER) i++;
    else if (k === NON_ASCII) return -1;
    else break;
  }
  return i;
}

/** ` ?[^\s\p{L}\p{N}]+` then `[\r\n/]*` (o200k) or `[\r\n]*` (cl100k), from i (not a space). */
function punctuation(text: string, i: number, len: number, slash: boolean): number {
  while (i < len) {
    const k = kindAt(text, i);
    if (k === OTHER) i++;
    else if (k === NON_ASCII) return -1;
    else break;
  }
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || (slash && c === 47)) i++;
    else break;
  }
  return i;
}

/** `\s*[\r\n]+ | \s+(?!\S) | \s+` from i (text[i] is ASCII white space). */
function whiteSpace(text: string, i: number, len: number): number {
  let e = i;
  let lastNewline = -1;
  while (e < len) {
    const k = kindAt(text, e);
    if (k === SPACE) e++;
    else if (k === NEWLINE) lastNewline = e++;
    else if (k === NON_ASCII) return -1; // could be more white space (NBSP, U+0085…)
    else break;
  }
  if (lastNewline >= 0) return lastNewline + 1;
  if (e === len || e - i === 1) return e;
  return e - 1; // leave the last space to start the next piece
}

/**
 * End of the piece starting at i (< len) under the o200k or cl100k pattern, decided from ASCII
 * alone, or -1 when a non-ASCII character could change it (then the regex decides).
 */
export function asciiPieceEnd(text: string, i: number, len: number, o200k: boolean): number {
  const k = kindAt(text, i);
  if (k === NON_ASCII) return -1;
  if (k === LOWER || k === UPPER) return o200k ? o200kLetters(text, i, len) : letterRun(text, i, len);
  if (k === DIGIT) {
    let e = i + 1;
    while (e < len && e < i + 3) {
      const ke = kindAt(text, e);
      if (ke === DIGIT) e++;
      else if (ke === NON_ASCII) return -1; // could be another \p{N}
      else break;
    }
    return e;
  }
  if (!o200k && text.charCodeAt(i) === 39) {
    const c = contractionEnd(text, i);
    if (c > i) return c;
  }
  if (k === NEWLINE) return whiteSpace(text, i, len);
  // text[i] may prefix a letter run: `[^\r\n\p{L}\p{N}]?` letters.
  if (i + 1 < len) {
    const n = kindAt(text, i + 1);
    if (n === NON_ASCII) return -1;
    if (n === LOWER || n === UPPER) return o200k ? o200kLetters(text, i + 1, len) : letterRun(text, i + 1, len);
  }
  if (k === OTHER) return punctuation(text, i, len, o200k);
  // SPACE: " " may start a punctuation piece; other white space cannot.
  if (text.charCodeAt(i) === 32 && i + 1 < len && kindAt(text, i + 1) === OTHER) {
    return punctuation(text, i + 1, len, o200k);
  }
  return whiteSpace(text, i, len);
}
