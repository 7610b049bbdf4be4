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

/** Applies one random word edit to the token list (words and the whitespace between them). */
function edit(r: Rng, tokens: string[], vocabulary: readonly string[]): void {
  const wordIdx: number[] = [];
  for (let i = 0; i < tokens.length; i += 2) wordIdx.push(i);
  const at = wordIdx[r.int(wordIdx.length)];
  const kind = r.int(10);
  if (kind < 6) tokens[at] = r.pick(vocabulary); // substitute
  else if (kind < 8) tokens.splice(at, 0, r.pick(vocabulary), " "); // insert before
  else if (wordIdx.length > 6) tokens.splice(at, 2); // delete (with the following space)
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
  while (prevJ > targetJaccard && edits < maxEdits) {
    edit(r, tokens, vocabulary);
    edits++;
    const text = tokens.join("");
    const j = jaccard(baseSet, wordShingles(text));
    if (j <= targetJaccard) {
      const closer = Math.abs(j - targetJaccard) <= Math.abs(prevJ - targetJaccard);
      return closer
        ? { base, variant: text, jaccard: j, targetJaccard, edits }
        : { base, variant: prevText, jaccard: prevJ, targetJaccard, edits: edits - 1 };
    }
    prevText = text;
    prevJ = j;
  }
  return { base, variant: prevText, jaccard: prevJ, targetJaccard, edits };
}

/**
 * `count` pairs, each from a different seeded base document of 4 to 8 corpus paragraphs, with a
 * variant edited down to about `targetJaccard` (the achieved value is in `jaccard`).
 */
export function nearDuplicatePairs(seed: number, count: number, targetJaccard: number): NearDuplicatePair[] {
  const r = rng(seed);
  const paragraphs = englishParagraphs();
  if (paragraphs.length < 10) throw new Error("near-duplicates need English prose under node_modules (run npm install)");
  const vocabulary = [...new Set(paragraphs.slice(0, 200).join(" ").split(/\s+/).filter((w) => /^\p{L}+$/u.test(w)))];
  const out: NearDuplicatePair[] = [];
  for (let i = 0; i < count; i++) out.push(makeVariant(r, baseDocument(r, paragraphs, 4 + r.int(5)), targetJaccard, vocabulary));
  return out;
}
