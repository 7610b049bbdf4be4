// Dedup decisions in words a contributor understands, for the report. Places are given as the
// contributor sees them: a file of this upload and its 1-based line (the line the reader gave the
// document), or an earlier submission's number and the document's rank among those it was paid for.
import type { Decision } from "./decide.ts";
import type { DedupMatch, DocRef } from "./index.ts";

/** File and line of a document accepted earlier in this upload (undefined for other submissions). */
export type OriginOf = (ref: DocRef) => { file: string; line: number } | undefined;

const percent = (x: number) => `${Math.round(100 * x)}%`;

/** "earlier in this upload (notes.jsonl line 6)" or "in submission #12 (the 4th document it was paid for)". */
export function place(ref: DocRef, originOf: OriginOf): string {
  const origin = originOf(ref);
  if (origin) return `earlier in this upload (${origin.file} line ${origin.line})`;
  return `in submission #${ref.submission} (the ${ordinal(ref.document + 1)} document it was paid for)`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ["th", "st", "nd", "rd"][n % 10] ?? "th";
  return `${n}${suffix}`;
}

function others(sources: readonly DocRef[] | undefined): string {
  const n = (sources?.length ?? 1) - 1;
  return n <= 0 ? "" : ` and ${n} other earlier document${n === 1 ? "" : "s"}`;
}

/** Why a duplicate was removed. */
export function explainMatch(match: DedupMatch, originOf: OriginOf): string {
  const where = place(match.keptRef, originOf);
  if (match.kind === "exact") return `This document is an exact copy of a document accepted ${where}.`;
  if (match.kind === "near") {
    return `This document is a near copy of a document accepted ${where}: about ${percent(match.jaccard ?? 0)} of their 5-word phrases are the same.`;
  }
  return `${percent(match.coverage ?? 0)} of this document's passages appear in a document accepted ${where}${others(match.sources)}.`;
}

/** What was cut from a partly copied document. */
export function explainPartial(d: Extract<Decision, { kind: "partial" }>, originOf: OriginOf): string {
  const list = d.copiedUnits.map((u) => u + 1).join(", ");
  const kept = d.units - d.copiedUnits.length;
  return (
    `${d.copiedUnits.length} of this document's ${d.units} paragraphs (${list}) appear in a document accepted ` +
    `${place(d.sources[0], originOf)}${others(d.sources)}; they were cut, and the document is paid for the other ${kept}.`
  );
}
