// Text builders for the rule tests: plain English-looking words with known counts and lengths.

const POOL = (
  "river garden window silver market pencil forest candle orange bridge planet rocket basket guitar island " +
  "mirror ticket butter winter summer doctor letter castle dragon farmer hammer jacket ladder monkey needle " +
  "pepper rabbit saddle tunnel valley wallet yellow anchor barrel cotton dinner engine fabric gravel harbor"
).split(" ");

/** n distinct words (a counter suffix keeps them distinct past the pool), no stop words. */
export function contentWords(n: number, offset = 0): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = i + offset;
    let suffix = "";
    for (let q = Math.floor(k / POOL.length); q > 0; q = Math.floor((q - 1) / 26)) suffix = String.fromCharCode(97 + ((q - 1) % 26)) + suffix;
    out.push(POOL[k % POOL.length] + suffix);
  }
  return out;
}

/** A one-line text of n words: "the", "of", then n - 2 content words. */
export function prose(n: number, offset = 0): string {
  return ["the", "of", ...contentWords(n - 2, offset)].join(" ");
}

/** Sentences of `words` words each, every one ending in a period. */
export function sentences(count: number, words = 8, offset = 0): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`The ${contentWords(words - 3, offset + i * words).join(" ")} of home.`);
  }
  return out;
}
