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
import type { Address } from "viem";
import type { ReaderSpec } from "../crypto/index.ts";
import { cumulativeTokens } from "../protocol/tokens.ts";
import type { ContentStore } from "../store/index.ts";
import { sealSubmission, storedCids, submissionReaders } from "./seal.ts";

export type { AcceptedSubmission, LocalFile, StoredSubmission } from "./submission.ts";
import type { AcceptedSubmission, StoredSubmission } from "./submission.ts";

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
      cumulativeTokens: Number(cumulativeTokens(s.previousCumulativeTokens, s.report.tokens.out)),
    };
  }

  async publish(_s: CommittedSubmission): Promise<Published> {
    return { attestation: null };
  }
}
