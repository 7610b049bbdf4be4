// The shingling the near-duplicate set is measured with (the dedup block may use its own):
//   words    = the text lower-cased (String.prototype.toLowerCase), split on every run of
//              characters that are neither letters (\p{L}) nor numbers (\p{N}); empty pieces dropped;
//   shingles = the set of word 5-grams, each the 5 words joined by one space; a text of fewer
//              than 5 words has one shingle, its words joined by one space (none if it has none);
//   Jaccard  = |A ∩ B| / |A ∪ B| over the two sets (1 when both are empty).

export const SHINGLE_SIZE = 5;

export function shingleWords(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

export function wordShingles(text: string, n = SHINGLE_SIZE): Set<string> {
  const words = shingleWords(text);
  const out = new Set<string>();
  if (words.length === 0) return out;
  if (words.length < n) {
    out.add(words.join(" "));
    return out;
  }
  for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(" "));
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Exact Jaccard similarity of two texts' word 5-gram sets. */
export function textJaccard(a: string, b: string, n = SHINGLE_SIZE): number {
  return jaccard(wordShingles(a, n), wordShingles(b, n));
}
