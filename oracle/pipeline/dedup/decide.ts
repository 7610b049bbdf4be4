// The dedup decision for one document, in order of acceptance: exact copy, near duplicate
// (FineWeb's MinHash), copied passages (containment), or new. The documented rule for partial
// copies: each unit (paragraph, or line) with passageUnitShare (10%) or more of its judged samples
// found in earlier accepted documents is copied. A document is removed when 90% (passageCoverage)
// or more of its samples are found, when nothing is left, or when its units not copied hold less
// than 25% (passageKeepShare) of its samples unless the copied units are whole paragraphs beside
// new ones sharing nothing (a licence header over a short text); otherwise its copied units are
// cut from the published text
// and it is paid for the rest. A document that embeds an earlier one, or shares a licence header
// with it, is therefore never paid for that part.
import type { Fingerprint } from "./fingerprint.ts";
import type { DedupLookup, DedupMatch, DocRef } from "./lookup.ts";
import type { PassageQuery } from "./passages.ts";

export type Decision =
  | { kind: "duplicate"; match: DedupMatch }
  | { kind: "partial"; text: string; copiedUnits: number[]; units: number; sources: DocRef[]; coverage: number }
  | { kind: "new" };

/**
 * Decides for one document; never changes the index. `published` is the text to publish and
 * `publishedUnits` the start of each of its units, or null when they cannot be matched to the
 * fingerprinted text's (then a partial copy is kept whole: the index still holds its passages).
 */
export function decide(
  index: DedupLookup,
  fp: Fingerprint,
  query: PassageQuery,
  published: string,
  publishedUnits: Uint32Array | null,
  submission: number,
): Decision {
  const match = index.check(fp, submission);
  if (match) return { kind: "duplicate", match };
  const c = index.contain(query);
  if (c.refs.length === 0) return { kind: "new" };
  const { passageCoverage, passageKeepShare } = index.config;
  const editedCopy = c.remainder < passageKeepShare && !c.verbatim;
  if (c.coverage >= passageCoverage || c.remainder === 0 || editedCopy) {
    const keptRef = c.refs[0];
    return {
      kind: "duplicate",
      match: { kind: "passages", within: keptRef.submission === submission, keptRef, coverage: c.coverage, sources: c.refs },
    };
  }
  if (c.copiedUnits.length === 0 || !publishedUnits) return { kind: "new" };
  const copied = new Set(c.copiedUnits);
  let text = "";
  for (let u = 0; u < publishedUnits.length; u++) {
    if (copied.has(u)) continue;
    text += published.slice(publishedUnits[u], u + 1 < publishedUnits.length ? publishedUnits[u + 1] : published.length);
  }
  return { kind: "partial", text, copiedUnits: c.copiedUnits, units: c.units, sources: c.refs, coverage: c.coverage };
}
