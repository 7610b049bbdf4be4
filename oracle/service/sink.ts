// What happens to a submission the pipeline accepted. The job runner (jobs/queue.ts) calls the
// sink twice, on either side of the dedup state's commit, which is the point of no return:
//
//   store()   before the commit. Puts the submission's data, report and manifest in the content
//             store and says where they are. It must have no effect anyone relies on outside
//             the content store: after a crash it may run again for the same submission, and
//             only the result the runner recorded (in the job row, before the commit) counts.
//             Its results may differ between runs (random encryption nonces): that is fine.
//   publish() after the commit. Signs and posts what store() recorded. It may be called more
//             than once for one submission (a crash after posting, before the job was marked
//             accepted): it must be idempotent, keyed by the submission's sequence. A failure
//             is retried later, except AttestationRefusedError: the committee answered and too
//             many members refused the count to reach the threshold, which no retry changes.
//
// ContentStoreSink below runs an oracle without a program (development without a chain): it
// seals and stores the submission like ProgramSink (seal.ts: nothing but ciphertext reaches the
// content store) but writes no manifest and attests nothing. ProgramSink (program-sink.ts) is the
// production sink: manifest, committee signatures, relayer.
import type { Address, Hex } from "viem";
import type { ReaderSpec } from "../crypto/index.ts";
import type { ResolvedPipeline } from "../pipeline/process.ts";
import type { Report } from "../pipeline/run/report.ts";
import type { ContentStore } from "../store/index.ts";
import { sealSubmission, storedCids, submissionReaders } from "./seal.ts";

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

/** What publish() is given: the committed submission, as recorded. */
export interface CommittedSubmission {
  jobId: string;
  contributor: Address;
  sequence: number;
  stored: StoredSubmission;
}

export interface Published {
  /** The signed attestation (JSON-serialisable), or null while attestation is not wired in. */
  attestation: unknown | null;
}

/**
 * The committee members that answered refused the count, so no attestation can reach the threshold:
 * the job fails for good. `attestation` is what was asked (unsigned), who signed and why the others did not.
 */
export class AttestationRefusedError extends Error {
  override name = "AttestationRefusedError";
  readonly attestation: unknown;
  /** Each member's refusal, briefly, for the contributor (the full text is in `attestation`). */
  readonly refusals: readonly string[];
  constructor(message: string, attestation: unknown, refusals: readonly string[]) {
    super(message);
    this.attestation = attestation;
    this.refusals = refusals;
  }
}

export interface SubmissionSink {
  store(submission: AcceptedSubmission, signal?: AbortSignal): Promise<StoredSubmission>;
  publish(submission: CommittedSubmission): Promise<Published>;
}

/** Seals and stores submissions without a program: no manifest, no attestation. */
export class ContentStoreSink implements SubmissionSink {
  readonly #store: ContentStore;
  readonly #readers: readonly ReaderSpec[];
  readonly #chainId: number;

  /** `readers`: the consumers' and auditors' keys, besides each submission's contributor. */
  constructor(store: ContentStore, { readers = [], chainId = 31337 }: { readers?: readonly ReaderSpec[]; chainId?: number } = {}) {
    this.#store = store;
    this.#readers = readers;
    this.#chainId = chainId;
  }

  async store(s: AcceptedSubmission, signal?: AbortSignal): Promise<StoredSubmission> {
    const readers = submissionReaders(s.contributorReaderKey, this.#readers);
    const sealed = await sealSubmission(this.#store, s, readers, `1tt/${this.#chainId}/no-program/${s.sequence}`, signal);
    return {
      manifestCid: null,
      ...storedCids(sealed),
      tokens: s.report.tokens.out,
      cumulativeTokens: s.previousCumulativeTokens + s.report.tokens.out,
    };
  }

  async publish(_s: CommittedSubmission): Promise<Published> {
    return { attestation: null };
  }
}
