// ELD's detection (npm "eld"), the same arithmetic on faster data structures. ELD keeps its
// 105,548 n-grams as one object of objects and its n-grams of a text in an object used as a set,
// and builds a sorted score object per call: in the pipeline that was a quarter of a worker's
// time. Here the database is read once into one Int32Array of (language, score) pairs indexed by
// a Map, a text's n-grams go into a Set, and only the winner's score is computed. The result is
// ELD's own, bit for bit (language-eld.test.ts holds it equal to ELD's detect() on the labelled
// sets and on random text): the sums are of integers, and the score is the same expression.
// Text clean-up (ELD's enableTextCleanup) is not done here; language.ts calls ELD for it.

/** ELD's n-gram database sizes. */
export type EldDatabase = "extrasmall" | "small" | "medium" | "large";

/** ELD's own text preparation, imported from its files so its letter class is exactly its own. */
interface EldModules {
  separators: RegExp;
  dictionary: readonly string[];
  ngramsData: { languages: Record<number, string>; ngrams: Record<string, Record<number, number>> };
}

/** ELD subtracts this from every stored score to shrink its database. */
const BASE_NGRAM_SCORE = 53;
/** ELD's hand-picked scale: score = s / (s + 25) with s the mean n-gram score. */
const SCALE = 25;
const MAX_CHARS = 1000;
const CUT_AFTER_BYTES = 350;
const ENFORCE_CUT_AFTER_BYTES = 380;
const MAX_WORD = 70;

async function eldModules(database: EldDatabase): Promise<EldModules> {
  const src = new URL("../", import.meta.resolve("eld"));
  const [patterns, dict, ngrams] = await Promise.all([
    import(new URL("regexPatterns.js", src).href) as Promise<{ separators: RegExp }>,
    import(new URL("dictionary.js", src).href) as Promise<{ dictionary: string[] }>,
    import(new URL(`ngrams/${database}.js`, src).href) as Promise<{ ngramsData: EldModules["ngramsData"] }>,
  ]);
  return { separators: patterns.separators, dictionary: dict.dictionary, ngramsData: ngrams.ngramsData };
}

export interface EldGuess {
  /** ISO 639-1 code, "" when no language scored. */
  language: string;
  score: number;
  /** Every scoring language's score (only computed when asked for). */
  scores?: Map<string, number>;
}

export class EldScorer {
  private readonly separators: RegExp;
  private readonly dictionary: readonly string[];
  private readonly codes: string[];
  /** n-gram → offset into `pairs`; pairs[offset] is the count, then (language, score + 53) pairs. */
  private readonly index: Map<string, number>;
  private readonly pairs: Int32Array;
  private readonly sums: Float64Array;
  private readonly grams = new Set<string>();

  private constructor(m: EldModules) {
    this.separators = m.separators;
    this.dictionary = m.dictionary;
    const languages = m.ngramsData.languages;
    this.codes = Object.keys(languages).map((k) => languages[Number(k)]);
    const ngrams = m.ngramsData.ngrams;
    const keys = Object.keys(ngrams);
    let words = 0;
    for (const k of keys) words += 1 + 2 * Object.keys(ngrams[k]).length;
    this.pairs = new Int32Array(words);
    this.index = new Map();
    let at = 0;
    for (const k of keys) {
      const entry = ngrams[k];
      const langs = Object.keys(entry);
      this.index.set(k, at);
      this.pairs[at++] = langs.length;
      for (const lang of langs) {
        this.pairs[at++] = Number(lang);
        this.pairs[at++] = entry[Number(lang)] + BASE_NGRAM_SCORE;
      }
    }
    this.sums = new Float64Array(this.codes.length);
  }

  static async load(database: EldDatabase): Promise<EldScorer> {
    return new EldScorer(await eldModules(database));
  }

  /** What ELD's detect(text) returns: the language and its score (and every score with `all`). */
  detect(input: string, all = false): EldGuess {
    const text = input.substring(0, MAX_CHARS).replace(this.separators, " ").trim().toLowerCase();
    const grams = this.grams;
    grams.clear();
    this.encodeWords(text, grams);
    const sums = this.sums;
    sums.fill(0);
    const pairs = this.pairs;
    for (const g of grams) {
      const at = this.index.get(g);
      if (at === undefined) continue;
      const end = at + 1 + 2 * pairs[at];
      for (let p = at + 1; p < end; p += 2) sums[pairs[p]] += pairs[p + 1];
    }
    // ELD's getMaxLang: the first language with the highest positive sum.
    let best = -1;
    let bestSum = 0;
    for (let l = 0; l < sums.length; l++) {
      if (sums[l] > 0 && sums[l] > bestSum) {
        bestSum = sums[l];
        best = l;
      }
    }
    if (best < 0) return { language: "", score: 0, ...(all ? { scores: new Map() } : {}) };
    const n = grams.size;
    const scoreOf = (sum: number) => {
      const ngramScore = sum / n;
      return ngramScore / (ngramScore + SCALE);
    };
    const guess: EldGuess = { language: this.codes[best], score: scoreOf(bestSum) };
    if (all) {
      guess.scores = new Map();
      for (let l = 0; l < sums.length; l++) if (sums[l] > 0) guess.scores.set(this.codes[l], scoreOf(sums[l]));
    }
    return guess;
  }

  /**
   * ELD's words as strings of UTF-8 bytes (each byte one character of its dictionary), cut at
   * the first space after 350 bytes or at any character after 380, and their n-grams: 4 bytes
   * with a stride of 3 over the first 70, a leading space on the first, and the word's last 4
   * bytes with a trailing space.
   */
  private encodeWords(str: string, grams: Set<string>): void {
    const d = this.dictionary;
    // A word's bytes so far, up to `start`; its ASCII characters from `start` on are taken as one
    // slice (ASCII bytes are their own characters in ELD's dictionary).
    let word = "";
    let start = 0;
    let bytes = 0;
    let i = 0;
    for (; i < str.length; i++) {
      let c = str.charCodeAt(i);
      if (c < 0x80) {
        if (c === 32) {
          word += str.substring(start, i);
          if (word !== "") addGrams(word, grams);
          word = "";
          start = i + 1;
          if (bytes > CUT_AFTER_BYTES) return;
        }
        bytes++;
      } else {
        word += str.substring(start, i);
        if (c < 0x800) {
          word += d[0xc0 | (c >> 6)] + d[0x80 | (c & 0x3f)];
          bytes += 2;
        } else if (c < 0xd800 || c >= 0xe000) {
          word += d[0xe0 | (c >> 12)] + d[0x80 | ((c >> 6) & 0x3f)] + d[0x80 | (c & 0x3f)];
          bytes += 3;
        } else {
          // As ELD does, whatever follows a surrogate is taken as its pair.
          i++;
          c = 0x10000 + (((c & 0x3ff) << 10) | (str.charCodeAt(i) & 0x3ff));
          word += d[0xf0 | (c >> 18)] + d[0x80 | ((c >> 12) & 0x3f)] + d[0x80 | ((c >> 6) & 0x3f)] + d[0x80 | (c & 0x3f)];
          bytes += 4;
        }
        start = i + 1;
      }
      if (bytes > ENFORCE_CUT_AFTER_BYTES) {
        i++;
        break;
      }
    }
    word += str.substring(start, Math.min(i, str.length));
    if (word !== "") addGrams(word, grams);
  }
}

function addGrams(word: string, grams: Set<string>): void {
  const len = Math.min(word.length, MAX_WORD);
  let j = 0;
  for (; j + 4 < len; j += 3) grams.add((j === 0 ? " " : "") + word.substring(j, j + 4));
  grams.add((j === 0 ? " " : "") + word.substring(len !== 3 ? len - 4 : 0) + " ");
}
