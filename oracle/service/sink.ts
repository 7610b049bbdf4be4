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
//             accepted): it must be idempotent, keyed by the submission's sequence.
//
// ContentStoreSink below is the real first implementation: it stores the raw files, the
// filtered data and the report in the content store. It is the place where the other parts
// plug in:
//   - encryption (oracle/crypto): encrypt raw and filtered before `store.add`; nothing but
//     ciphertext may reach the content store. Record plaintext sha256/bytes (given here).
//   - the manifest (oracle/manifest): build it from the fields of AcceptedSubmission, write it,
//     and return its CID as manifestCid (null until then).
//   - attestation (oracle/attest): in publish(), sign {contributor, cumulativeTokens, nonce,
//     manifestCid} with the committee and hand it to the relayer; return it.
import { createReadStream } from "node:fs";
import type { Address } from "viem";
import type { ResolvedPipeline } from "../pipeline/process.ts";
import type { Report } from "../pipeline/run/report.ts";
import { addJson, type ContentStore } from "../store/index.ts";

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

export interface SubmissionSink {
  store(submission: AcceptedSubmission, signal?: AbortSignal): Promise<StoredSubmission>;
  publish(submission: CommittedSubmission): Promise<Published>;
}

/** Stores raw files, filtered data and the report in the content store (in the clear, for now). */
export class ContentStoreSink implements SubmissionSink {
  readonly #store: ContentStore;

  constructor(store: ContentStore) {
    this.#store = store;
  }

  async store(s: AcceptedSubmission, signal?: AbortSignal): Promise<StoredSubmission> {
    // Encryption plugs in here: nothing but ciphertext may reach the content store.
    const rawCids: string[] = [];
    for (const file of s.raw) rawCids.push(String(await this.#store.add(createReadStream(file.path), { signal })));
    const filteredCid = String(await this.#store.add(createReadStream(s.filtered.path), { signal }));
    const reportCid = String(await addJson(this.#store, s.report, { signal }));
    // The manifest plugs in here (oracle/manifest: buildManifest + writeManifest).
    return {
      manifestCid: null,
      rawCids,
      filteredCid,
      reportCid,
      tokens: s.report.tokens.out,
      cumulativeTokens: s.previousCumulativeTokens + s.report.tokens.out,
    };
  }

  async publish(_s: CommittedSubmission): Promise<Published> {
    // Attestation plugs in here (oracle/attest: committee signature, relayer).
    return { attestation: null };
  }
}
