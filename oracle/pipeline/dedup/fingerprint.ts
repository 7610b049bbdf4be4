// Per-document fingerprints: pure, deterministic, run in worker threads.
//
//   exact      64-bit hash64 of the text exactly as given (the normalizer already ran).
//   signature  MinHash over the set of word n-gram shingles (words.ts decides what a word is):
//              signature[i] = min over shingles s of perm_i(shingleHash(s)).
//
// Shingle hash: each folded word is hashed over its UTF-16 units (multiply-xor, FNV-1a style
// with the golden-ratio multiplier); the n word hashes of a shingle are chained through
// MurmurHash3 steps and finalized with fmix32, so the shingle hash is a well-mixed 32-bit value.
//
// Permutations: perm_i(x) = (a_i * x + b_i) mod 2^32, a_i odd (so each is a bijection of the
// 32-bit values), (a_i, b_i) drawn from seededUint32(seed). Because x is already a well-mixed hash,
// a bijection of it ranks the shingles uniformly at random, so each value matches with probability
// equal to the Jaccard similarity; the open question, how independent the 112 values are, is
// measured by the tests (the spread of the estimate equals the binomial spread). It is the
// cheapest family that is exact in 32-bit integer arithmetic: one Math.imul and one add per value.
//
// Texts with fewer words than `ngram` have one shingle made of all their words (tagged with its
// length, so it never equals a full-length shingle). A text with no words has no shingles, an
// all-0xFFFFFFFF signature, and `shingles: 0`: the index then checks it for exact duplicates only.
import { fmix32, hash64, murmurStep, seededUint32 } from "./hash.ts";
import { resolveDedupConfig, type DedupConfig } from "./config.ts";
import { noPassages, samplePassages, type FillerStats, type PassageQuery } from "./passages.ts";
import { foldTable, SEP, SKIP, SOLO, WORD, type FoldTable } from "./words.ts";

export interface Fingerprint {
  /** 64-bit hash of the text as given, as [high, low] uint32. */
  exact: [number, number];
  /** MinHash signature, bands * rows uint32 values (0xFFFFFFFF everywhere if no shingles). */
  signature: Uint32Array;
  /**
   * The LSH band keys, bandKeys(signature): computed here, in the workers, so the sequential
   * index does not spend its time on them. A pure function of the signature.
   */
  bandKeys: Uint32Array;
  /** Number of shingles hashed, repeats included; 0 when the text has no words. */
  shingles: number;
  /** The passageSlots smallest sampled passage hashes, ascending, padded (see passages.ts). */
  passages: Uint32Array;
}

/** A fingerprint with what only the checked document needs: its samples by unit and filler figures. */
export interface Analysis {
  fingerprint: Fingerprint;
  query: PassageQuery;
  filler: FillerStats;
}

/** Articles, and the function words that never follow one in English prose ("the of", "a and"). */
const ARTICLES = ["the", "a", "an"];
const NEVER_AFTER_ARTICLE = [
  "the", "a", "an", "of", "and", "or", "to", "in", "is", "are", "was", "were", "for", "on", "with", "by", "at",
  "from", "as", "be", "but", "if", "then", "than", "he", "she", "they", "we", "you", "this", "that",
  "these", "those", "not", "has", "had", "would", "could", "should", "which", "who",
];

/** The key of LSH band `band`: a 32-bit hash of its `rows` signature values. */
export function bandKey(signature: Uint32Array, band: number, rows: number): number {
  let h = band;
  const start = band * rows;
  for (let r = 0; r < rows; r++) h = murmurStep(h, signature[start + r]);
  return fmix32(h ^ rows);
}

/** All band keys of a signature of bands * rows values. */
export function bandKeys(signature: Uint32Array, bands: number, rows: number): Uint32Array {
  const keys = new Uint32Array(bands);
  for (let t = 0; t < bands; t++) keys[t] = bandKey(signature, t, rows);
  return keys;
}

const WORD_SEED = 0x811c9dc5;
const WORD_MUL = 0x9e3779b1;
const SIGN = -0x80000000;

function grow(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  let n = a.length * 2;
  while (n < need) n *= 2;
  return new Int32Array(n);
}

/** Computes fingerprints for one config; keeps its permutations and scratch buffers. */
export class Fingerprinter {
  readonly config: DedupConfig;
  private readonly a: Int32Array;
  /** b_i ^ 2^31 (see fingerprint()). */
  private readonly bFlipped: Int32Array;
  private readonly table: FoldTable;
  private wordBuf: Int32Array = new Int32Array(4096);
  private shingleBuf: Int32Array = new Int32Array(4096);
  private startBuf: Int32Array = new Int32Array(4096);
  private readonly articles: Set<number>;
  private readonly functionWords: Set<number>;

  constructor(config: Partial<DedupConfig> = {}) {
    this.config = resolveDedupConfig(config);
    const k = this.config.bands * this.config.rows;
    const next = seededUint32(this.config.seed);
    this.a = new Int32Array(k);
    this.bFlipped = new Int32Array(k);
    for (let i = 0; i < k; i++) {
      this.a[i] = next() | 1;
      this.bFlipped[i] = next() ^ SIGN;
    }
    this.table = foldTable();
    const hashOf = (w: string) => this.wordHashes(w)[0] | 0;
    this.articles = new Set(ARTICLES.map(hashOf));
    this.functionWords = new Set(NEVER_AFTER_ARTICLE.map(hashOf));
  }

  fingerprint(text: string): Fingerprint {
    return this.analyze(text).fingerprint;
  }

  /** The fingerprint, and the passages and filler figures the checks of this document need. */
  analyze(text: string): Analysis {
    const nWords = this.scanWords(text);
    const c = this.config;
    const passages = c.passages
      ? samplePassages(text, this.wordBuf, this.startBuf, nWords, c.passageNgram, c.passageSamplingBits, c.passageSlots, this.articles, this.functionWords)
      : noPassages(c.passageSlots);
    const nShingles = this.shingleHashes(nWords);
    const k = this.a.length;
    const signature = new Uint32Array(k);
    const xs = this.shingleBuf;
    const A = this.a;
    const B = this.bFlipped;
    // Unsigned minima through signed ones: with b' = b ^ 2^31, (a*x + b') | 0 orders like the
    // unsigned a*x + b (flipping the top bit is adding 2^31 mod 2^32). Four permutations per pass
    // over the shingles, so each shingle hash is loaded once per four.
    let i = 0;
    for (; i + 4 <= k; i += 4) {
      const a0 = A[i], a1 = A[i + 1], a2 = A[i + 2], a3 = A[i + 3];
      const b0 = B[i], b1 = B[i + 1], b2 = B[i + 2], b3 = B[i + 3];
      let m0 = 0x7fffffff, m1 = 0x7fffffff, m2 = 0x7fffffff, m3 = 0x7fffffff;
      for (let s = 0; s < nShingles; s++) {
        const x = xs[s];
        const v0 = (Math.imul(a0, x) + b0) | 0;
        const v1 = (Math.imul(a1, x) + b1) | 0;
        const v2 = (Math.imul(a2, x) + b2) | 0;
        const v3 = (Math.imul(a3, x) + b3) | 0;
        if (v0 < m0) m0 = v0;
        if (v1 < m1) m1 = v1;
        if (v2 < m2) m2 = v2;
        if (v3 < m3) m3 = v3;
      }
      signature[i] = (m0 ^ SIGN) >>> 0;
      signature[i + 1] = (m1 ^ SIGN) >>> 0;
      signature[i + 2] = (m2 ^ SIGN) >>> 0;
      signature[i + 3] = (m3 ^ SIGN) >>> 0;
    }
    for (; i < k; i++) {
      const a = A[i];
      const b = B[i];
      let m = 0x7fffffff;
      for (let s = 0; s < nShingles; s++) {
        const v = (Math.imul(a, xs[s]) + b) | 0;
        if (v < m) m = v;
      }
      signature[i] = (m ^ SIGN) >>> 0;
    }
    const { bands, rows } = this.config;
    return {
      fingerprint: { exact: hash64(text), signature, bandKeys: bandKeys(signature, bands, rows), shingles: nShingles, passages: passages.stored },
      query: passages.query,
      filler: passages.filler,
    };
  }

  /** The word hashes of `text` in order (for tests: must agree with words.ts). */
  wordHashes(text: string): number[] {
    const n = this.scanWords(text);
    return Array.from(this.wordBuf.subarray(0, n), (h) => h >>> 0);
  }

  /** The shingle hashes of `text` in order, repeats included. */
  shingleHashesOf(text: string): number[] {
    const n = this.shingleHashes(this.scanWords(text));
    return Array.from(this.shingleBuf.subarray(0, n), (h) => h >>> 0);
  }

  /** Splits and folds `text` into word hashes in wordBuf; returns their number. */
  private scanWords(text: string): number {
    const { cls, unit } = this.table;
    const len = text.length;
    let buf = grow(this.wordBuf, (len >> 1) + 2);
    this.wordBuf = buf;
    let starts = grow(this.startBuf, buf.length);
    this.startBuf = starts;
    let n = 0;
    let h = WORD_SEED;
    let inWord = false;
    for (let i = 0; i < len; i++) {
      const c = text.charCodeAt(i);
      let k = cls[c];
      if (k === WORD) {
        h = Math.imul(h ^ unit[c], WORD_MUL);
        if (!inWord) starts[n] = i;
        inWord = true;
        continue;
      }
      if (k === SKIP) continue;
      let fold = "";
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
        const lo = text.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          const f = this.table.foldOf(0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00));
          i++;
          k = f.cls;
          fold = f.fold;
          if (k === SKIP) continue;
        }
      } else if (k !== SEP) {
        fold = this.table.foldOf(c).fold;
      }
      if (k !== SEP && k !== SOLO) {
        // A word character folding to several units (or one above U+FFFF).
        for (let j = 0; j < fold.length; j++) h = Math.imul(h ^ fold.charCodeAt(j), WORD_MUL);
        if (!inWord) {
          if (n === buf.length) [buf, starts] = this.growWords(n);
          starts[n] = i;
        }
        inWord = true;
        continue;
      }
      if (inWord) {
        if (n === buf.length) [buf, starts] = this.growWords(n);
        buf[n++] = h;
        h = WORD_SEED;
        inWord = false;
      }
      if (k === SOLO) {
        let s = WORD_SEED;
        for (let j = 0; j < fold.length; j++) s = Math.imul(s ^ fold.charCodeAt(j), WORD_MUL);
        if (n === buf.length) [buf, starts] = this.growWords(n);
        starts[n] = i;
        buf[n++] = s;
      }
    }
    if (inWord) {
      if (n === buf.length) [buf, starts] = this.growWords(n);
      buf[n++] = h;
    }
    return n;
  }

  /** Doubles the word buffers (the start of word n, being read, is kept too). */
  private growWords(n: number): [Int32Array, Int32Array] {
    const bigger = new Int32Array(this.wordBuf.length * 2);
    bigger.set(this.wordBuf.subarray(0, n));
    this.wordBuf = bigger;
    const starts = new Int32Array(bigger.length);
    starts.set(this.startBuf.subarray(0, n + 1));
    this.startBuf = starts;
    return [bigger, starts];
  }

  /** Turns the first nWords word hashes into shingle hashes in shingleBuf; returns their number. */
  private shingleHashes(nWords: number): number {
    const g = this.config.ngram;
    const words = this.wordBuf;
    if (nWords === 0) return 0;
    const width = nWords < g ? nWords : g;
    const count = nWords - width + 1;
    const out = grow(this.shingleBuf, count);
    this.shingleBuf = out;
    for (let s = 0; s < count; s++) {
      let h = width;
      for (let j = 0; j < width; j++) h = murmurStep(h, words[s + j]);
      out[s] = fmix32(h);
    }
    return count;
  }
}

const cache = new Map<string, Fingerprinter>();

/** fingerprint(text, config): the same as `new Fingerprinter(config).fingerprint(text)`, cached. */
export function fingerprint(text: string, config: Partial<DedupConfig> = {}): Fingerprint {
  const c = resolveDedupConfig(config);
  const key = `${c.ngram}/${c.bands}/${c.rows}/${c.seed}`;
  let f = cache.get(key);
  if (!f) {
    f = new Fingerprinter(c);
    cache.set(key, f);
  }
  return f.fingerprint(text);
}
