// The word splitter behind near-duplicate detection: which characters make words, and how they
// are folded, so that trivial edits (case, accents, punctuation, full-width letters, spacing)
// do not hide a copy. The rules, for every code point c of the (already normalized) text:
//
//   - Letters and numbers (\p{L}, \p{N}) are word characters. Numbers are kept as they are.
//   - Combining marks (\p{M}), format characters (\p{Cf}: soft hyphen, zero-width joiner...) and
//     every other default-ignorable code point (Hangul fillers, variation selectors...) are
//     dropped without ending a word: invisible characters cannot split a copied word.
//   - Everything else (spaces, punctuation, symbols, emoji, lone surrogates) ends a word.
//   - A word character is folded as lowercase(NFKD(lowercase(c))) with everything that is not a
//     letter or number removed: "É" -> "e", "Ａ" -> "a", "ﬁ" -> "fi", "²" -> "2"; final sigma (ς)
//     folds to σ.
//     A character whose own prototype is an ASCII look-alike folds to it first (Greek "Ν" -> "n").
//   - Then each non-ASCII character of the fold is replaced by its prototype in Unicode's
//     confusables (TR39 skeleton, the `unhomoglyph` package's table), or by the prototype of its
//     upper case when that is an ASCII look-alike; a prototype that is the prototype of an ASCII
//     letter or digit becomes that ASCII character ("rn" -> "m"). ASCII characters are kept as
//     they are (TR39 would fold "m" to "rn" and "1" to "l"). Cyrillic "а", "Т", Greek "Ο" fold
//     like "a", "t", "o": look-alike letters do not hide a copy.
//   - Characters of scripts written without spaces between words (Han, Hiragana, Katakana, Thai,
//     Lao, Khmer, Myanmar) are each a word of their own, so shingles there are character 5-grams.
//
// The Unicode properties come from the JavaScript engine. Every Basic Multilingual Plane code
// point is classified once into a table; the table's digest is part of the dedup config hash, so
// an engine with different Unicode data cannot silently load another engine's index. Code points
// above U+FFFF are classified on first use (not covered by the digest: see README).
import { createRequire } from "node:module";
import { hash64Hex, murmurStep } from "./hash.ts";

const require = createRequire(import.meta.url);
/** Unicode confusables.txt (TR39) as { character: prototype }. */
const CONFUSABLES = require("unhomoglyph/data.json") as Record<string, string>;
/** The package the confusables come from and its version: part of the fold table's digest. */
export const CONFUSABLES_SOURCE = `unhomoglyph@${(require("unhomoglyph/package.json") as { version: string }).version}`;

/**
 * Prototype -> the ASCII letter or digit it is the prototype of ("rn" -> "m"), one table per case:
 * "I" and "l" share the prototype "l", and an upper-case look-alike (Greek "Ι") imitates "I".
 */
function asciiOfPrototype(letters: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const ch of "0123456789" + letters) map.set(CONFUSABLES[ch] ?? ch, ch); // letters win over digits
  return map;
}
const ASCII_UPPER = asciiOfPrototype("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
const ASCII_LOWER = asciiOfPrototype("abcdefghijklmnopqrstuvwxyz");

/** The skeleton of one non-ASCII character: its ASCII look-alike, its prototype, or itself. */
function skeletonOf(ch: string): string {
  const p = CONFUSABLES[ch];
  if (p === undefined) return ch;
  const [first, second] = ch === ch.toLowerCase() ? [ASCII_LOWER, ASCII_UPPER] : [ASCII_UPPER, ASCII_LOWER];
  return first.get(p) ?? second.get(p) ?? p;
}

/** Ends a word. */
export const SEP = 0;
/** A word character whose fold is one UTF-16 unit, `FOLD_UNIT[c]`. */
export const WORD = 1;
/** A character that is a word by itself (scripts without spaces). */
export const SOLO = 2;
/** Dropped without ending a word. */
export const SKIP = 3;
/** A word character whose fold is several units (or one above U+FFFF): see `foldOf`. */
export const WORD_MULTI = 4;

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const INVISIBLE = /^[\p{M}\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const NOT_LETTER_OR_NUMBER = /[^\p{L}\p{N}]/gu;
const SPACELESS_SCRIPT =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;

interface Classified {
  cls: number;
  fold: string;
}

const ASCII_ALNUM = /^[0-9A-Za-z]+$/;

/**
 * TR39 prototypes are case-sensitive (Cyrillic "Т" looks like "T", "т" like no ASCII letter): a
 * lower-case character whose upper case has an ASCII look-alike folds to that letter, so a word
 * folds the same in any case.
 */
function caselessSkeleton(c: string): string {
  const own = skeletonOf(c);
  if (ASCII_ALNUM.test(own)) return own;
  const upper = c.toUpperCase();
  if (upper !== c && ASCII_ALNUM.test(skeletonOf(upper))) return skeletonOf(upper);
  return own;
}

function basicFold(s: string): string {
  return s.toLowerCase().normalize("NFKD").toLowerCase().replace(NOT_LETTER_OR_NUMBER, "");
}

function classify(cp: number): Classified {
  // Surrogate code points are never characters: a lone surrogate ends a word.
  if (cp >= 0xd800 && cp <= 0xdfff) return { cls: SEP, fold: "" };
  const ch = String.fromCodePoint(cp);
  if (INVISIBLE.test(ch)) return { cls: SKIP, fold: "" };
  if (!LETTER_OR_NUMBER.test(ch)) return { cls: SEP, fold: "" };
  const lookAlike = cp >= 0x80 ? skeletonOf(ch) : "";
  let fold = basicFold(ASCII_ALNUM.test(lookAlike) ? lookAlike : ch);
  if (fold === "\u03c2") fold = "\u03c3";
  if (cp >= 0x80) fold = basicFold(Array.from(fold, (c) => (c.charCodeAt(0) < 0x80 ? c : caselessSkeleton(c))).join(""));
  if (fold === "") return { cls: SKIP, fold };
  if (SPACELESS_SCRIPT.test(ch)) return { cls: SOLO, fold };
  return { cls: fold.length === 1 ? WORD : WORD_MULTI, fold };
}

export interface FoldTable {
  /** Class of every BMP code unit (SEP, WORD, SOLO, SKIP, WORD_MULTI). */
  readonly cls: Uint8Array;
  /** Folded unit for class WORD. */
  readonly unit: Uint16Array;
  /** 64-bit digest (hex) of the whole BMP table: changes if the engine's Unicode data does. */
  readonly digest: string;
  /** Fold of any code point (BMP or above), classifying it on first use. */
  foldOf(cp: number): Classified;
}

let table: FoldTable | null = null;

/** The fold table, built once per thread on first use (about 100 ms). */
export function foldTable(): FoldTable {
  if (table) return table;
  const cls = new Uint8Array(0x10000);
  const unit = new Uint16Array(0x10000);
  const bmpFolds = new Map<number, Classified>();
  const astral = new Map<number, Classified>();
  let digestState = 0;
  const parts: string[] = [];
  for (let cp = 0; cp < 0x10000; cp++) {
    const c = classify(cp);
    cls[cp] = c.cls;
    if (c.cls === WORD) unit[cp] = c.fold.charCodeAt(0);
    else if (c.cls !== SEP && c.cls !== SKIP) bmpFolds.set(cp, c);
    digestState = murmurStep(digestState, c.cls | (c.cls === WORD ? unit[cp] << 8 : 0));
    if (c.cls === WORD_MULTI || c.cls === SOLO) parts.push(`${cp}:${c.fold}`);
  }
  const digest = hash64Hex(`${digestState >>> 0}|${parts.join(",")}|${CONFUSABLES_SOURCE}`);
  table = {
    cls,
    unit,
    digest,
    foldOf(cp: number): Classified {
      if (cp < 0x10000) return bmpFolds.get(cp) ?? { cls: cls[cp], fold: cls[cp] === WORD ? String.fromCharCode(unit[cp]) : "" };
      let c = astral.get(cp);
      if (!c) {
        c = classify(cp);
        astral.set(cp, c);
      }
      return c;
    },
  };
  return table;
}

/**
 * The folded words of a text, in order, under the rules above. The reference definition that the
 * fingerprint's hashing scan must agree with (the tests check that it does); not the fast path.
 */
export function words(text: string): string[] {
  const t = foldTable();
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    const c = t.foldOf(cp);
    if (c.cls === SKIP) continue;
    if (c.cls === WORD || c.cls === WORD_MULTI) {
      cur += c.fold;
      continue;
    }
    if (cur !== "") out.push(cur);
    cur = "";
    if (c.cls === SOLO) out.push(c.fold);
  }
  if (cur !== "") out.push(cur);
  return out;
}
