// tiktoken's pre-tokenizer patterns, rewritten for JavaScript's regex engine with the same matches.
//
// Both engines pick the leftmost-first alternative with greedy quantifiers, so the structure is
// kept as is. What differs is rewritten:
// - Character classes are explicit Unicode 16 ranges (unicode16.ts), the tables tiktoken 1.0.22's
//   core was built with, never the running Node's `\p{…}`, whose Unicode version changes with
//   Node's ICU (Unicode 17 characters would otherwise split pieces differently).
// - `\s` in tiktoken (Rust `regex`) is Unicode White_Space: it includes U+0085 and excludes
//   U+FEFF, unlike JavaScript's `\s`.
// - `(?i:'s|…)` is not valid JavaScript (no inline modifiers in Node 22). Rust folds case with
//   Unicode simple case folding, under which `s` also matches U+017F (ſ); no other character
//   folds to t, r, e, v, m, l or d. The group is written with explicit classes.
// - A global `i` flag cannot be used: it would also fold the letter classes.
import type { EncodingName } from "./ranks.ts";
import { LETTER, LOWERISH, NUMBER, UPPERISH, WHITE_SPACE } from "./unicode16.ts";

/** "41-5a,61" -> "\u{41}-\u{5a}\u{61}" for use inside [...] with the u flag. */
function ranges(list: string): string {
  return list
    .split(",")
    .map((r) => r.split("-").map((cp) => `\\u{${cp}}`).join("-"))
    .join("");
}

const WS = ranges(WHITE_SPACE);
const L = ranges(LETTER);
const N = ranges(NUMBER);
const CONTRACTION = String.raw`'(?:[sS\u017F]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])`;
const UP = `[${ranges(UPPERISH)}]`;
const LOW = `[${ranges(LOWERISH)}]`;

const O200K = [
  String.raw`[^\r\n${L}${N}]?${UP}*${LOW}+(?:${CONTRACTION})?`,
  String.raw`[^\r\n${L}${N}]?${UP}+${LOW}*(?:${CONTRACTION})?`,
  String.raw`[${N}]{1,3}`,
  String.raw` ?[^${WS}${L}${N}]+[\r\n/]*`,
  String.raw`[${WS}]*[\r\n]+`,
  String.raw`[${WS}]+(?![^${WS}])`,
  String.raw`[${WS}]+`,
].join("|");

const CL100K = [
  CONTRACTION,
  String.raw`[^\r\n${L}${N}]?[${L}]+`,
  String.raw`[${N}]{1,3}`,
  String.raw` ?[^${WS}${L}${N}]+[\r\n]*`,
  String.raw`[${WS}]*[\r\n]+`,
  String.raw`[${WS}]+(?![^${WS}])`,
  String.raw`[${WS}]+`,
].join("|");

/** The pattern string tiktoken's own files give, for a guard against a silently changed file. */
export const TIKTOKEN_PATTERNS: Record<EncodingName, string> = {
  o200k_base:
    String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
  cl100k_base: String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
};

const SOURCES: Record<EncodingName, string> = { o200k_base: O200K, cl100k_base: CL100K };

/** A fresh sticky regex (each counter owns one: `lastIndex` is state); pieces tile the text. */
export function pieceRegex(encoding: EncodingName): RegExp {
  return new RegExp(SOURCES[encoding], "uy");
}
