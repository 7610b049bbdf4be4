// What a run's dedup decisions read and write, whatever holds the accepted documents: the
// in-memory DedupIndex (index.ts) or an index kept in a database (staged.ts over a store). Every
// implementation gives the same decisions for the same accepted documents in the same order.
import { DedupError, type DedupConfig } from "./config.ts";
import type { Fingerprint } from "./fingerprint.ts";
import type { Containment } from "./passage-index.ts";
import type { PassageQuery } from "./passages.ts";

/** Where an accepted document came from: its submission's sequence number and its place in it. */
export interface DocRef {
  readonly submission: number;
  readonly document: number;
}

/** Why a document is a duplicate, and of which earlier accepted document. */
export interface DedupMatch {
  kind: "exact" | "near" | "passages";
  /** The kept document is in the same submission as the checked one. */
  within: boolean;
  keptRef: DocRef;
  /** Near duplicates: the estimated Jaccard similarity (fraction of equal signature values). */
  jaccard?: number;
  /** Passages: the share of the document's sampled passages found in earlier documents. */
  coverage?: number;
  /** Passages: every earlier document the copied passages come from, most shared first (keptRef first). */
  sources?: DocRef[];
}

export interface DedupLookup {
  readonly config: DedupConfig;
  /** Documents accepted so far (numbered 0, 1, ... in order of acceptance). */
  readonly size: number;
  /** Is `fp` a duplicate of an accepted document? Never changes the index. */
  check(fp: Fingerprint, submission: number): DedupMatch | null;
  /** What the accepted documents hold of a checked document's sampled passages. Never changes the index. */
  contain(query: PassageQuery): Containment & { refs: DocRef[] };
  /** Records `fp` as accepted, as document number `size`; refs strictly increase. */
  add(fp: Fingerprint, ref: DocRef): void;
  /**
   * An index kept elsewhere (a database) reads, in one batch, everything that check, contain and
   * add of these documents will need; the run calls it before deciding each batch, in order.
   * An in-memory index has nothing to fetch and leaves it out.
   */
  prepare?(fingerprints: Fingerprint[], queries: PassageQuery[]): Promise<void>;
}

function checkUint32(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    throw new DedupError("bad_ref", `dedup: ${name} must be a whole number in [0, 2^32) (got ${v})`);
  }
}

/** Refuses a ref that is not a pair of uint32 strictly after `last` in (submission, document) order. */
export function checkNextRef(ref: DocRef, last: DocRef | null): void {
  checkUint32("ref.submission", ref.submission);
  checkUint32("ref.document", ref.document);
  if (last && (ref.submission < last.submission || (ref.submission === last.submission && ref.document <= last.document))) {
    throw new DedupError(
      "out_of_order",
      `dedup: documents must be added in order of acceptance; got submission ${ref.submission} document ` +
        `${ref.document} after submission ${last.submission} document ${last.document}`,
    );
  }
}

/** Refuses one more document once `count` reaches the config's maxDocuments. */
export function checkRoom(count: number, config: DedupConfig): void {
  if (count >= config.maxDocuments) {
    throw new DedupError(
      "capacity",
      `dedup index is full: it holds maxDocuments = ${config.maxDocuments} documents. Raise maxDocuments ` +
        `(400 to 560 bytes per document in memory) and rebuild; documents are never evicted, which would change decisions.`,
    );
  }
}

/** Refuses a fingerprint computed with another config (its arrays have other lengths). */
export function validateFingerprint(fp: Fingerprint, config: DedupConfig): void {
  const k = config.bands * config.rows;
  if (!(fp.signature instanceof Uint32Array) || fp.signature.length !== k) {
    throw new DedupError(
      "bad_fingerprint",
      `dedup: a fingerprint's signature must be a Uint32Array of bands * rows = ${k} values ` +
        `(got ${fp.signature?.length}); was it computed with another config?`,
    );
  }
  if (!(fp.passages instanceof Uint32Array) || fp.passages.length !== config.passageSlots) {
    throw new DedupError(
      "bad_fingerprint",
      `dedup: a fingerprint's passages must be a Uint32Array of passageSlots = ${config.passageSlots} values`,
    );
  }
  if (!(fp.bandKeys instanceof Uint32Array) || fp.bandKeys.length !== config.bands) {
    throw new DedupError(
      "bad_fingerprint",
      `dedup: a fingerprint's bandKeys must be a Uint32Array of ${config.bands} values, bandKeys(signature)`,
    );
  }
}
