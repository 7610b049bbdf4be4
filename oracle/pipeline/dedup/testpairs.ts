// Test helper: deterministic document pairs with a known exact word-5-gram Jaccard similarity.
// A base text of random words (a large made-up vocabulary, so its 5-grams do not repeat) and an
// edited copy (word substitutions, insertions and deletions at random places). The exact Jaccard
// is computed afterwards with a plain Set of shingles, never assumed from the edit count.
import { seededUint32 } from "./hash.ts";
import { words } from "./words.ts";

export interface TextPair {
  a: string;
  b: string;
  /** Exact Jaccard of the two texts' word 5-gram sets (words as words.ts folds them). */
  jaccard: number;
}

const SYLLABLES = [
  "ka", "lo", "mi", "ne", "ru", "sa", "te", "vi", "po", "da", "gu", "fe", "zo", "bi", "hu", "ja", "qe",
  "wy", "xi", "ce", "mo", "na", "ri", "tu", "el", "an", "or", "is", "um", "et",
];

export class PairGenerator {
  private readonly next: () => number;
  private fresh = 0;

  constructor(seed: number) {
    this.next = seededUint32(seed);
  }

  /** A uniform number in [0, 1). */
  random(): number {
    return this.next() / 2 ** 32;
  }

  /** A word from a vocabulary of about 27,000 (30^3) made-up words, with English-like punctuation. */
  word(): string {
    const n = 1 + (this.next() % 3);
    let w = "";
    for (let i = 0; i < n; i++) w += SYLLABLES[this.next() % SYLLABLES.length];
    return w;
  }

  /** A word that appears nowhere else (an edit that surely changes every shingle it touches). */
  freshWord(): string {
    return `zq${(this.fresh++).toString(36)}`;
  }

  text(nWords: number): string[] {
    return Array.from({ length: nWords }, () => this.word());
  }

  /** Applies `edits` random substitutions, insertions and deletions to a copy of `base`. */
  edit(base: readonly string[], edits: number): string[] {
    const out = [...base];
    for (let e = 0; e < edits; e++) {
      const op = this.next() % 3;
      const at = this.next() % Math.max(1, out.length);
      if (op === 0 && out.length > 0) out[at] = this.freshWord();
      else if (op === 1) out.splice(at, 0, this.freshWord());
      else if (out.length > 1) out.splice(at, 1);
    }
    return out;
  }

  /**
   * A pair aimed at Jaccard `target` (the result is measured, not assumed): about
   * S(1 - J) / (5(1 + J)) edits, since each isolated edit changes about five shingles on each side.
   */
  pair(nWords: number, target: number): TextPair {
    const base = this.text(nWords);
    const shingles = Math.max(1, nWords - 4);
    const edits = Math.round((shingles * (1 - target)) / (5 * (1 + target)));
    const a = render(base, this);
    const b = render(this.edit(base, edits), this);
    return { a, b, jaccard: exactJaccard(a, b) };
  }
}

/** Joins words with spaces and some punctuation and capitals (which folding must ignore). */
function render(ws: readonly string[], g: PairGenerator): string {
  let out = "";
  for (let i = 0; i < ws.length; i++) {
    const r = g.random();
    const w = r < 0.05 ? ws[i][0].toUpperCase() + ws[i].slice(1) : ws[i];
    out += (i === 0 ? "" : r > 0.93 ? ". " : r > 0.88 ? ", " : " ") + w;
  }
  return out + ".";
}

/** The set of word n-grams of a text, as strings, by the reference word splitter. */
export function shingleSet(text: string, n = 5): Set<string> {
  const ws = words(text);
  const set = new Set<string>();
  if (ws.length === 0) return set;
  if (ws.length < n) {
    set.add(ws.join(" "));
    return set;
  }
  for (let i = 0; i + n <= ws.length; i++) set.add(ws.slice(i, i + n).join(" "));
  return set;
}

/** Exact Jaccard similarity of two texts' shingle sets (1 for two texts without words). */
export function exactJaccard(a: string, b: string, n = 5): number {
  const sa = shingleSet(a, n);
  const sb = shingleSet(b, n);
  let inter = 0;
  for (const s of sa) if (sb.has(s)) inter++;
  const union = sa.size + sb.size - inter;
  return union === 0 ? 1 : inter / union;
}
