// The shapes of a submission as the service's job runner hands it to a sink (sink.ts) and the
// sealing (seal.ts) stores it; a module of their own so the two need not import each other.
import type { Address, Hex } from "viem";
import type { ContributionProof } from "../protocol/contribution.ts";
import type { ResolvedPipeline } from "../pipeline/process.ts";
import type { Report } from "../pipeline/run/report.ts";

export interface LocalFile {
  /** The name the contributor gave (as in the report's inputs); never a machine path. */
  name: string;
  /** Where the bytes are on this machine (readable until the job ends). */
  path: string;
  sha256: string;
  bytes: number;
}

/** Everything known about a submission once the pipeline accepted it, before the commit. */
export interface AcceptedSubmission {
  jobId: string;
  contributor: Address;
  /** Position in the global log of accepted submissions (the dedup state's sequence). */
  sequence: number;
  /** Position among this contributor's accepted submissions (0 for the first). */
  contributorSequence: number;
  /** The manifest CID recorded for sequence - 1 (null for the first, or while manifests are not built). */
  previousManifestCid: string | null;
  /** The contributor's cumulative tokens before this submission. */
  previousCumulativeTokens: number;
  /** The contributor's reader key (X25519 public key) registered at upload; null for jobs from before keys were registered. */
  contributorReaderKey: Hex | null;
  /** The contributor's signature of the upload; null for jobs queued before signed submissions. */
  contribution: ContributionProof | null;
  pipeline: ResolvedPipeline;
  report: Report;
  /** The uploaded files, in the order of report.submission.inputs. */
  raw: LocalFile[];
  /** The filtered documents as JSONL ({"text": …} per line). */
  filtered: LocalFile;
}

/** What store() returns; recorded (as JSON) in the job before the commit. */
export interface StoredSubmission {
  manifestCid: string | null;
  /** The filtered data's key envelope (absent in jobs recorded before encryption). */
  keysCid?: string;
  /** The raw files' and report's key envelope (absent before the two were split). */
  privateKeysCid?: string;
  rawCids: string[];
  filteredCid: string;
  reportCid: string;
  /** Tokens this submission adds (report.tokens.out). */
  tokens: number;
  /** The contributor's cumulative tokens with this submission. */
  cumulativeTokens: number;
}
