// Passages: the short shingles containment works on, sampled the same way in every document.
//
// A passage shingle is `passageNgram` consecutive words (words.ts folding) inside one unit of the
// document: a paragraph (text between blank lines), or a line when the document has a single
// paragraph. Shingles never cross units, so reordered paragraphs keep all their shingles. A unit
// shorter than passageNgram words is one shingle of all its words.
//
// Sampling: a shingle is sampled when the top passageSamplingBits bits of its hash are zero
// (1 in 4 by default). The choice depends on the shingle alone, so a passage copied into
// another document is sampled there too: containment is measured on samples, not estimated from
// two independent sketches. An accepted document stores its passageSlots smallest sampled hashes
// (a bottom-k sketch); a longer document is thus sampled more sparsely, and a later document is
// compared with it only on the samples below its largest stored hash (its "horizon").
//
// The same pass measures what family-5 filler looks like: samples repeated inside the document
// (a paragraph pasted again with small changes) and articles followed by function words (words
// shuffled out of order: "the of", "a and" never occur in English prose).
import { fmix32, murmurStep } from "./hash.ts";

/** A document's sampled passages, for checking it against the accepted ones. */
export interface PassageQuery {
  /** Unique sampled hashes with the unit of their first occurrence: [hash, unit, hash, unit...]. */
  samples: Uint32Array;
  /** Start offset (UTF-16) of each unit in the text; a unit ends where the next one starts. */
  unitStarts: Uint32Array;
}

export interface FillerStats {
  /** Sampled shingles, repeats included. */
  sampled: number;
  /** Sampled shingles whose hash occurred earlier in the same document. */
  repeated: number;
  /** Occurrences of "the", "a", "an" followed by another word. */
  articles: number;
  /** Of those, followed by a function word that never follows an article in English prose. */
  articleThenFunctionWord: number;
}

export const NO_PASSAGE = 0xffffffff;

/** Start offsets of the units of `text`: its paragraphs, or its lines when it has one paragraph. */
export function unitStarts(text: string): Uint32Array {
  const paragraphs = [0];
  const lines = [0];
  const len = text.length;
  for (let i = text.indexOf("\n"); i >= 0 && i + 1 < len; i = text.indexOf("\n", i + 1)) {
    lines.push(i + 1);
    let j = i + 1;
    while (j < len && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 13)) j++;
    if (j < len && text.charCodeAt(j) === 10) {
      while (j < len && /\s/.test(text[j])) j++;
      if (j < len && paragraphs[paragraphs.length - 1] < j) paragraphs.push(j);
      i = j - 1;
    }
  }
  return Uint32Array.from(paragraphs.length > 1 ? paragraphs : lines);
}

export interface PassageResult {
  query: PassageQuery;
  /** The passageSlots smallest unique sampled hashes, ascending, padded with NO_PASSAGE. */
  stored: Uint32Array;
  filler: FillerStats;
}

/** What a document without passages (containment off) has: nothing to find, nothing stored. */
export function noPassages(slots: number): PassageResult {
  return {
    query: { samples: new Uint32Array(0), unitStarts: new Uint32Array(1) },
    stored: new Uint32Array(slots).fill(NO_PASSAGE),
    filler: { sampled: 0, repeated: 0, articles: 0, articleThenFunctionWord: 0 },
  };
}

/**
 * Samples the passages of a text from its word hashes and each word's start offset.
 * `articles` and `functionWords` are word hashes (see Fingerprinter).
 */
export function samplePassages(
  text: string,
  words: Int32Array,
  starts: Int32Array,
  nWords: number,
  ngram: number,
  samplingBits: number,
  slots: number,
  articles: ReadonlySet<number>,
  functionWords: ReadonlySet<number>,
): PassageResult {
  const units = unitStarts(text);
  const hashes: number[] = [];
  const unitOf: number[] = [];
  const shift = 32 - samplingBits;
  let articleCount = 0;
  let articleThenFunction = 0;
  let u = 0;
  for (let a = 0; a < nWords; ) {
    while (u + 1 < units.length && starts[a] >= units[u + 1]) u++;
    const end = u + 1 < units.length ? units[u + 1] : Infinity;
    let b = a;
    while (b < nWords && starts[b] < end) b++;
    const width = Math.min(ngram, b - a);
    for (let s = a; s + width <= b; s++) {
      let h = width;
      for (let j = 0; j < width; j++) h = murmurStep(h, words[s + j]);
      h = fmix32(h ^ 0x5bd1e995) >>> 0;
      if (samplingBits === 0 || h >>> shift === 0) {
        hashes.push(h);
        unitOf.push(u);
      }
    }
    for (let s = a; s + 1 < b; s++) {
      if (!articles.has(words[s])) continue;
      articleCount++;
      if (functionWords.has(words[s + 1])) articleThenFunction++;
    }
    a = b;
  }
  // Unique hashes in order of first occurrence; repeats counted for the filler check.
  const order = hashes.map((_, i) => i).sort((x, y) => hashes[x] - hashes[y] || x - y);
  const samples: number[] = [];
  const unique: number[] = [];
  let repeated = 0;
  for (let i = 0; i < order.length; i++) {
    const h = hashes[order[i]];
    if (i > 0 && hashes[order[i - 1]] === h) {
      repeated++;
      continue;
    }
    unique.push(h);
  }
  const firstSeen = new Set<number>();
  for (let i = 0; i < hashes.length; i++) {
    if (firstSeen.has(hashes[i])) continue;
    firstSeen.add(hashes[i]);
    samples.push(hashes[i], unitOf[i]);
  }
  const stored = new Uint32Array(slots).fill(NO_PASSAGE);
  for (let i = 0; i < Math.min(slots, unique.length); i++) stored[i] = unique[i];
  return {
    query: { samples: Uint32Array.from(samples), unitStarts: units },
    stored,
    filler: { sampled: hashes.length, repeated, articles: articleCount, articleThenFunctionWord: articleThenFunction },
  };
}
