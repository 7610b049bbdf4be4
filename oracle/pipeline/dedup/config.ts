// Dedup configuration, its validation and its hash (the hash names the state a saved index holds).
import { hash64Hex } from "./hash.ts";
import { foldTable } from "./words.ts";
import { OneTTError } from "../../protocol/errors.ts";

/**
 * Bumped whenever the fingerprint changes for the same text and config (word rules, shingle hash,
 * permutations, band keys, stored signature bits): old saved indexes then fail to load.
 */
export const FINGERPRINT_VERSION = 2;

export interface DedupConfig {
  /** Words per shingle (FineWeb: 5). */
  readonly ngram: number;
  /** LSH bands (FineWeb: 14). */
  readonly bands: number;
  /** Signature values per band (FineWeb: 8). bands * rows permutations in all. */
  readonly rows: number;
  /** Seed from which every permutation's (a, b) is derived. */
  readonly seed: number;
  /**
   * A candidate is a near duplicate when its estimated Jaccard (equal values / bands*rows) is at
   * least this. 0.75 rather than 0.8: with 112 values the estimate's spread at J = 0.8 is 0.038,
   * so a 0.8 cut misses about half the pairs at exactly 0.8 (measured recall over J >= 0.8: 0.92);
   * 0.75 gives 0.99 with no false positive at J <= 0.5 (see quality.test.ts).
   */
  readonly threshold: number;
  /** At most this many documents may be added; one more is a DedupCapacityError. */
  readonly maxDocuments: number;
  /**
   * At most this many documents are indexed under one (band, band key); later ones are still
   * found through their other bands. Bounds the work of a check on heavily templated data.
   */
  readonly maxBucket: number;
  /**
   * Passage containment and the filler checks (families 1-3 and 5 of docs/threat-model.md). Off,
   * dedup is FineWeb's exact and MinHash near-duplicate detection alone (what benchmarks compare).
   */
  readonly passages: boolean;
  /** Words per passage shingle for containment (shorter than `ngram`: more survive scattered edits). */
  readonly passageNgram: number;
  /** One passage shingle in 2^passageSamplingBits is sampled (by its hash, the same in every document). */
  readonly passageSamplingBits: number;
  /** Sampled passage hashes stored per accepted document: the smallest ones (a bottom-k sketch). */
  readonly passageSlots: number;
  /**
   * A document whose sampled passages appear in earlier accepted documents at this share or more
   * is removed; below it, only its copied units are cut (it is paid for the rest).
   */
  readonly passageCoverage: number;
  /** A unit (paragraph, or line) is copied when this share of its judged samples is found. */
  readonly passageUnitShare: number;
  /**
   * A document is removed when its units not copied hold less than this share of its judged
   * samples: an edited copy leaves a few units whose edits hid them, not new text worth paying.
   */
  readonly passageKeepShare: number;
  /** Sampled passages a document must share with one earlier document before that one counts as a source. */
  readonly passageMinShared: number;
}

export const DEFAULT_DEDUP_CONFIG: DedupConfig = Object.freeze({
  ngram: 5,
  bands: 14,
  rows: 8,
  seed: 1,
  threshold: 0.75,
  maxDocuments: 1 << 24,
  maxBucket: 64,
  passages: true,
  passageNgram: 4,
  passageSamplingBits: 2,
  passageSlots: 64,
  passageCoverage: 0.9,
  passageUnitShare: 0.1,
  passageKeepShare: 0.25,
  passageMinShared: 3,
});

/** Any dedup problem: `code` is machine-readable, the message says what to do. */
export class DedupError extends OneTTError {
  override name = "DedupError";
  constructor(code: string, message: string) {
    super(message, { code });
  }
}

function wholeInRange(name: string, v: number, lo: number, hi: number): void {
  if (!Number.isInteger(v) || v < lo || v > hi) {
    throw new DedupError("bad_config", `dedup config: ${name} must be a whole number in [${lo}, ${hi}] (got ${v})`);
  }
}

/** Fills in defaults and validates; the result is frozen. */
export function resolveDedupConfig(partial: Partial<DedupConfig> = {}): DedupConfig {
  const c = { ...DEFAULT_DEDUP_CONFIG, ...partial };
  wholeInRange("ngram", c.ngram, 1, 64);
  wholeInRange("bands", c.bands, 1, 1024);
  wholeInRange("rows", c.rows, 1, 1024);
  wholeInRange("bands * rows", c.bands * c.rows, 1, 4096);
  wholeInRange("seed", c.seed, 0, 0xffffffff);
  wholeInRange("maxDocuments", c.maxDocuments, 1, 0x7fffffff);
  wholeInRange("maxBucket", c.maxBucket, 1, 1 << 20);
  if (typeof c.passages !== "boolean") throw new DedupError("bad_config", `dedup config: passages must be true or false (got ${c.passages})`);
  wholeInRange("passageNgram", c.passageNgram, 1, 64);
  wholeInRange("passageSamplingBits", c.passageSamplingBits, 0, 8);
  wholeInRange("passageSlots", c.passageSlots, 1, 1024);
  wholeInRange("passageMinShared", c.passageMinShared, 1, 1024);
  for (const name of ["passageCoverage", "passageUnitShare", "passageKeepShare"] as const) {
    if (!(c[name] > 0 && c[name] <= 1)) throw new DedupError("bad_config", `dedup config: ${name} must be in (0, 1] (got ${c[name]})`);
  }
  if (!(c.threshold > 0 && c.threshold <= 1)) {
    throw new DedupError("bad_config", `dedup config: threshold must be in (0, 1] (got ${c.threshold})`);
  }
  return Object.freeze(c);
}

/**
 * Hash of everything that decides which documents an index holds and what it stores for them:
 * the config (except maxDocuments, a memory bound), the fingerprint version and the digest of
 * the engine's Unicode fold table.
 */
export function dedupConfigHash(config: DedupConfig): string {
  const { ngram, bands, rows, seed, threshold, maxBucket } = config;
  const { passageNgram, passageSamplingBits, passageSlots, passageCoverage, passageUnitShare, passageKeepShare, passageMinShared } = config;
  const canonical = JSON.stringify({
    passages: config.passages,
    passageNgram,
    passageSamplingBits,
    passageSlots,
    passageCoverage,
    passageUnitShare,
    passageKeepShare,
    passageMinShared,
    fingerprint: FINGERPRINT_VERSION,
    unicode: foldTable().digest,
    ngram,
    bands,
    rows,
    seed,
    threshold,
    maxBucket,
  });
  return hash64Hex(canonical);
}
