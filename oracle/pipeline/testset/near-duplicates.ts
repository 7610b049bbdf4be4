// Near-duplicate pairs with a known, exactly computed Jaccard similarity over word 5-grams
// (shingles.ts). The variant is made from the base by controlled word edits, one at a time,
// with the exact Jaccard recomputed after each, until it reaches the target; of the last two
// states the one nearer the target is returned.

import { englishParagraphs } from "./english.ts";
import { rng, type Rng } from "./rng.ts";
import { jaccard, wordShingles } from "./shingles.ts";

export interface NearDuplicatePair {
  base: string;
  variant: string;
  /** Exact Jaccard similarity of base and variant (word 5-gram sets, see shingles.ts). */
  jaccard: number;
  targetJaccard: number;
  /** Word edits applied (substitutions, insertions, deletions). */
  edits: number;
}

/** A base document: `paragraphs` consecutive corpus paragraphs starting at a seeded position. */
export function baseDocument(r: Rng, paragraphs: readonly string[], size: number): string {
  const start = r.int(Math.max(1, paragraphs.length - size));
  return paragraphs.slice(start, start + size).join("\n\n");
}

/**
 * Applies one random word edit to the token list (words and the whitespace between them). With
 * `edge`, the word is one of the first or last five, where an edit touches fewer shingles: that
 * is how the last step lands close to the target.
 */
function edit(r: Rng, tokens: string[], vocabulary: readonly string[], edge = false): void {
  const words = (tokens.length + 1) >> 1;
  let w = r.int(words);
  if (edge) w = r.next() < 0.5 ? r.int(Math.min(5, words)) : words - 1 - r.int(Math.min(5, words));
  const at = w * 2;
  const kind = r.int(10);
  if (kind < 6) tokens[at] = r.pick(vocabulary); // substitute
  else if (kind < 8) tokens.splice(at, 0, r.pick(vocabulary), " "); // insert before
  else if (words > 6 && at + 1 < tokens.length) tokens.splice(at, 2); // delete (with the following space)
  else tokens[at] = r.pick(vocabulary);
}

function tokenize(text: string): string[] {
  // Alternating word / whitespace tokens, starting with a word.
  const parts = text.split(/(\s+)/);
  if (parts[0] === "") parts.splice(0, 2);
  if (parts.length % 2 === 0) parts.push("");
  return parts;
}

export function makeVariant(r: Rng, base: string, targetJaccard: number, vocabulary: readonly string[]): NearDuplicatePair {
  if (!(targetJaccard >= 0 && targetJaccard <= 1)) throw new Error("targetJaccard must be in [0, 1]");
  const baseSet = wordShingles(base);
  const tokens = tokenize(base);
  let prevText = base;
  let prevJ = 1;
  let edits = 0;
  const maxEdits = tokens.length * 3;
  let tokensNow = tokens;
  while (prevJ > targetJaccard && edits < maxEdits) {
    const next = tokensNow.slice();
    edit(r, next, vocabulary);
    const text = next.join("");
    const j = jaccard(baseSet, wordShingles(text));
    if (j > targetJaccard) {
      tokensNow = next;
      prevText = text;
      prevJ = j;
      edits++;
      continue;
    }
    // This edit crosses the target: try other edits from the previous state (half of them at
    // the edges) and keep whichever state lands nearest the target, the previous one included.
    let best = { text: prevText, j: prevJ, edits };
    const consider = (t: string, jj: number) => {
      if (Math.abs(jj - targetJaccard) < Math.abs(best.j - targetJaccard)) best = { text: t, j: jj, edits: edits + 1 };
    };
    consider(text, j);
    for (let c = 0; c < 40; c++) {
      const alt = tokensNow.slice();
      edit(r, alt, vocabulary, c % 2 === 0);
      const t = alt.join("");
      consider(t, jaccard(baseSet, wordShingles(t)));
    }
    return { base, variant: best.text, jaccard: best.j, targetJaccard, edits: best.edits };
  }
  return { base, variant: prevText, jaccard: prevJ, targetJaccard, edits };
}

/**
 * `count` pairs, each from a seeded base document of 6 to 12 consecutive corpus paragraphs, with a
 * variant edited down to about `targetJaccard` (the achieved value is in `jaccard`).
 */
export function nearDuplicatePairs(seed: number, count: number, targetJaccard: number): NearDuplicatePair[] {
  const r = rng(seed);
  const paragraphs = englishParagraphs();
  if (paragraphs.length < 10) throw new Error("near-duplicates need English prose under node_modules (run npm install)");
  const vocabulary = [...new Set(paragraphs.slice(0, 200).join(" ").split(/\s+/).filter((w) => /^\p{L}+$/u.test(w)))];
  const out: NearDuplicatePair[] = [];
  for (let i = 0; i < count; i++) out.push(makeVariant(r, baseDocument(r, paragraphs, 6 + r.int(7)), targetJaccard, vocabulary));
  return out;
}
