// Character classes used by the word splitter and the line rules, over UTF-16 code units.
// One table of 65,536 flags, filled once from Unicode property regexes, so the hot loops do
// one array read per character instead of a regex test.

/** Letter (\p{L}): what Python's str.isalpha() accepts. */
export const LETTER = 1;
/** Combining mark or number (\p{M}, \p{N}): part of a word but not alphabetic. */
export const WORD_OTHER = 2;
/** Unicode White_Space: what Python's str.strip() and str.split() remove. */
export const SPACE = 4;
/** Joins two word characters into one word: apostrophes, hyphen, period, underscore. */
export const CONNECTOR = 8;

const TABLE = new Uint8Array(0x10000);
{
  const letter = /\p{L}/u;
  const other = /[\p{M}\p{N}]/u;
  const space = /\p{White_Space}/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue; // surrogates: handled as pairs by the caller
    const s = String.fromCharCode(c);
    if (letter.test(s)) TABLE[c] = LETTER;
    else if (other.test(s)) TABLE[c] = WORD_OTHER;
    else if (space.test(s)) TABLE[c] = SPACE;
  }
  for (const ch of "'\u2019-._") TABLE[ch.charCodeAt(0)] |= CONNECTOR;
}

const ASTRAL_LETTER = /^\p{L}$/u;
const ASTRAL_OTHER = /^[\p{M}\p{N}]$/u;

/** Class flags of the code point starting at `i` (a surrogate pair is looked up as one). */
export function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return TABLE[c];
  const cp = text.codePointAt(i)!;
  if (cp <= 0xffff) return 0; // lone high surrogate
  const s = String.fromCodePoint(cp);
  if (ASTRAL_LETTER.test(s)) return LETTER;
  if (ASTRAL_OTHER.test(s)) return WORD_OTHER;
  return 0;
}

/** Flags of one BMP code unit (no surrogate handling): for the fast paths. */
export function classOf(code: number): number {
  return TABLE[code];
}

export function isSpace(code: number): boolean {
  return (TABLE[code] & SPACE) !== 0;
}
