// Paragraphs that share no passage with one another. The packages' documentation copies
// paragraphs between packages with small changes ("Closes the mock agent and waits..." and
// "Closes the proxy agent and waits..."); documents built from such paragraphs are not clean
// pairs, they are copies. A paragraph is kept when it shares at most one word 5-gram (shingles.ts)
// with the paragraphs kept before it.
import { wordShingles } from "./shingles.ts";

const cache = new WeakMap<readonly string[], string[]>();

export function distinctParagraphs(paragraphs: readonly string[]): string[] {
  const known = cache.get(paragraphs);
  if (known) return known;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of paragraphs) {
    const shingles = wordShingles(p);
    let shared = 0;
    for (const s of shingles) if (seen.has(s)) shared++;
    if (shared > 1) continue;
    for (const s of shingles) seen.add(s);
    out.push(p);
  }
  cache.set(paragraphs, out);
  return out;
}
