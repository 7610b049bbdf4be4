// A lazily computed, cached view of one document's text: its words and its lines, computed at
// most once however many filters ask. Filters get the view with viewOf(text): consecutive
// filters that receive the same text string share it, a filter used alone still works, and a
// Transform that changes the text simply makes the next filter build a new view.
//
// Word splitting (datatrove uses NLTK/spaCy word_tokenize; we need something deterministic,
// fast and Unicode-aware, identical on every machine):
//   - a word is a maximal run of letters (\p{L}), combining marks (\p{M}) and numbers (\p{N}),
//     where a single apostrophe (' or U+2019), hyphen, period or underscore between two such
//     characters joins them: "don't", "well-known", "3.14", "e.g" (+ "."), "snake_case";
//   - every other non-space character is punctuation or a symbol: it never belongs to a word;
//     a maximal run of them is one "symbol token" (NLTK would emit one token per mark);
//   - word length is counted in UTF-16 code units (Python counts code points: they differ only
//     for characters outside the Basic Multilingual Plane).

import { classAt, classOf, CONNECTOR, LETTER, SPACE, WORD_OTHER } from "./chars.ts";
import { fmix32 } from "../dedup/hash.ts";

const WORD = LETTER | WORD_OTHER;

export interface Words {
  /** Number of words. */
  readonly count: number;
  /** Start and end (exclusive) offsets of each word in the text; only the first `count` are valid. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Sum of word lengths (UTF-16 code units). */
  readonly totalLength: number;
  /** Words containing at least one letter. */
  readonly alphaCount: number;
  /** Maximal runs of non-space characters that belong to no word. */
  readonly symbolRuns: number;
  /** Raw per-word hashes of the code units (two independent lanes), for wordHashes(). */
  readonly hashA: Int32Array;
  readonly hashB: Int32Array;
}

export interface Spans {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

export class DocView {
  readonly text: string;
  private wordsCache: Words | null = null;
  private linesCache: Spans | null = null;
  private hashCache: { a: Uint32Array; b: Uint32Array } | null = null;

  constructor(text: string) {
    this.text = text;
  }

  words(): Words {
    return (this.wordsCache ??= splitWords(this.text));
  }

  /** Lines as Python's str.splitlines() cuts them (no trailing empty line). */
  lines(): Spans {
    return (this.linesCache ??= splitLines(this.text));
  }

  /** Per-word 64-bit key as two u32 arrays (case-sensitive, over the word's code units). */
  wordHashes(): { a: Uint32Array; b: Uint32Array } {
    if (this.hashCache) return this.hashCache;
    const w = this.words();
    const a = new Uint32Array(w.count);
    const b = new Uint32Array(w.count);
    for (let i = 0; i < w.count; i++) {
      a[i] = fmix32(w.hashA[i]);
      b[i] = fmix32(w.hashB[i] ^ 0x27d4eb2f);
    }
    return (this.hashCache = { a, b });
  }
}

let cached: DocView | null = null;

/** The view of `text`, shared with the previous caller if it passed the same text. */
export function viewOf(text: string): DocView {
  if (cached !== null && cached.text === text) return cached;
  return (cached = new DocView(text));
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

export function splitWords(text: string): Words {
  const n = text.length;
  let starts = new Int32Array(Math.max(16, n >> 3));
  let ends = new Int32Array(starts.length);
  let hashA = new Int32Array(starts.length);
  let hashB = new Int32Array(starts.length);
  let count = 0;
  let totalLength = 0;
  let alphaCount = 0;
  let symbolRuns = 0;
  let inSymbols = false;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    let f = code < 0xd800 || code > 0xdfff ? classOf(code) : classAt(text, i);
    if ((f & WORD) !== 0) {
      inSymbols = false;
      const start = i;
      let alpha = (f & LETTER) !== 0;
      i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      while (i < n) {
        const c = text.charCodeAt(i);
        f = c < 0xd800 || c > 0xdfff ? classOf(c) : classAt(text, i);
        if ((f & WORD) !== 0) {
          if ((f & LETTER) !== 0) alpha = true;
          i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
        } else if ((f & CONNECTOR) !== 0 && i + 1 < n && (classAt(text, i + 1) & WORD) !== 0) {
          i += 1;
        } else break;
      }
      if (count === starts.length) {
        starts = grow(starts);
        ends = grow(ends);
        hashA = grow(hashA);
        hashB = grow(hashB);
      }
      let ha = 0x811c9dc5;
      let hb = 0x9747b28c ^ (i - start);
      for (let j = start; j < i; j++) {
        const ch = text.charCodeAt(j);
        ha = Math.imul(ha ^ ch, 0x01000193);
        hb = Math.imul(hb + ch, 0x5bd1e995) ^ (hb >>> 15);
      }
      starts[count] = start;
      ends[count] = i;
      hashA[count] = ha;
      hashB[count] = hb;
      count++;
      totalLength += i - start;
      if (alpha) alphaCount++;
    } else if ((f & SPACE) !== 0) {
      inSymbols = false;
      i++;
    } else {
      if (!inSymbols) symbolRuns++;
      inSymbols = true;
      i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
  }
  return { count, starts, ends, totalLength, alphaCount, symbolRuns, hashA, hashB };
}

/** True for the code units Python's str.splitlines() breaks on (\r\n counts once). */
function isLineBreak(c: number): boolean {
  return (
    c === 10 || c === 13 || c === 11 || c === 12 || (c >= 0x1c && c <= 0x1e) || c === 0x85 ||
    c === 0x2028 || c === 0x2029
  );
}

export function splitLines(text: string): Spans {
  const n = text.length;
  let starts = new Int32Array(64);
  let ends = new Int32Array(64);
  let count = 0;
  let start = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c > 0x85 ? c !== 0x2028 && c !== 0x2029 : !isLineBreak(c)) {
      i++;
      continue;
    }
    if (count === starts.length) {
      starts = grow(starts);
      ends = grow(ends);
    }
    starts[count] = start;
    ends[count] = i;
    count++;
    i += c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    start = i;
  }
  if (start < n) {
    if (count === starts.length) {
      starts = grow(starts);
      ends = grow(ends);
    }
    starts[count] = start;
    ends[count] = n;
    count++;
  }
  return { count, starts, ends };
}

/** Index of the first non-White_Space code unit in [start, end), or end. */
export function skipSpaceForward(text: string, start: number, end: number): number {
  while (start < end && (classOf(text.charCodeAt(start)) & SPACE) !== 0) start++;
  return start;
}

/** One past the last non-White_Space code unit in [start, end), or start. */
export function skipSpaceBackward(text: string, start: number, end: number): number {
  while (end > start && (classOf(text.charCodeAt(end - 1)) & SPACE) !== 0) end--;
  return end;
}
