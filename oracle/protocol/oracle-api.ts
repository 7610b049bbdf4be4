// The oracle's HTTP answers, as types: the one definition the service (oracle/service) answers
// with and the dApp (frontend/src/oracle) reads. The service's OpenAPI document (GET /openapi.json)
// describes the same shapes as JSON Schema. Types only; browser-safe.

export type JobState = "queued" | "processing" | "accepted" | "failed";
export const JOB_STAGES = ["queued", "reading", "finishing", "storing", "committing", "publishing", "done"] as const;
export type JobStage = (typeof JOB_STAGES)[number];

/** Live figures of a job while the pipeline reads it (SSE "progress" events, GET /jobs/:id). */
export interface JobProgress {
  stage: JobStage;
  bytesRead: number;
  bytesTotal: number;
  documents: number;
  kept: number;
  removed: number;
  removedByRule: Record<string, number>;
  duplicates: number;
  tokensIn: number;
  tokensOut: number;
}

/**
 * A committee-signed attestation as the oracle returns it (JSON: integers as decimal strings).
 * `signatures` is the packed, signer-ordered bytes RevenueSplitter.attest takes; anyone may send
 * it, the contributor included, until `deadline`.
 */
export interface SignedAttestation {
  contributor: `0x${string}`;
  tokens: string;
  nonce: string;
  deadline: string;
  /** The manifest's binary CIDv1, hex, as the contract takes it. */
  manifestCid: `0x${string}`;
  /** null when the attestation was already on chain, posted by someone else, before this oracle combined one. */
  signatures: `0x${string}` | null;
  /** The signers packed into `signatures` (exactly the threshold, lowest addresses first). */
  signers: `0x${string}`[];
  /** Every member that signed this count, packed or not (absent in jobs from before committee nodes). */
  signedBy?: `0x${string}`[];
  /** Co-signers that declined or could not be reached, with their reason. */
  refusals: string[];
  /** The relayer's record of posting it; null when this oracle does not post (the contributor does). */
  posted: { hash?: `0x${string}`; status?: string; [k: string]: unknown } | null;
}

export interface JobResult {
  sequence: number;
  documents: number;
  tokens: { in: number; out: number };
  cumulativeTokens: number;
  manifestCid: string | null;
  /** The filtered data's key envelope (null for jobs stored before encryption). */
  keysCid: string | null;
  /** The raw files' and report's key envelope: every reader but the consumers. */
  privateKeysCid: string | null;
  reportCid: string;
  filteredCid: string;
  rawCids: string[];
  attestation: SignedAttestation | null;
}

export interface JobView {
  id: string;
  contributor: string;
  state: JobState;
  stage: JobStage;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  files: { name: string; bytes: number; sha256: string }[];
  bytes: number;
  progress: JobProgress | null;
  result: JobResult | null;
  error: { code: string; message: string; hint: string; status: number } | null;
}

/** An accepted submission in GET /contributors/:address/submissions. */
export interface SubmissionView {
  jobId: string;
  sequence: number;
  acceptedAt: string;
  documents: number;
  tokens: number;
  cumulativeTokens: number;
  manifestCid: string | null;
  reportCid: string;
  attestation: SignedAttestation | null;
}

export interface SubmissionsAnswer {
  contributor: string;
  cumulativeTokens: number;
  submissions: SubmissionView[];
}

export interface StatsAnswer {
  pipelineId: string;
  /** The program uploads are signed for (oracle/protocol/contribution.ts); splitter null when the oracle runs none. */
  program: { chainId: number; splitter: `0x${string}` | null };
  submissions: number;
  contributors: number;
  tokens: number;
  documents: number;
  bytes: number;
  jobs: Record<JobState, number>;
}

export interface NonceAnswer {
  nonce: string;
  expiresAt: string;
  domain: string;
  uri: string;
  chainId: number;
}

export interface SessionAnswer {
  address: `0x${string}`;
  expiresAt: string;
}

/**
 * GET /session: this client's session as it stands, answered whether or not anyone is signed in
 * (a page asks it on load, and an expected "no" is not an error): who is signed in, until when,
 * and the reader key registered for them; nulls when signed out or when there is no key.
 */
export interface SessionStateAnswer {
  address: `0x${string}` | null;
  expiresAt: string | null;
  readerKey: ReaderKeyAnswer | null;
}

/** GET and PUT /session/reader-key. */
export interface ReaderKeyAnswer {
  address: `0x${string}`;
  publicKey: `0x${string}`;
  registeredAt: string;
}

/** Every refusal: `{ error: { code, message, hint } }`. */
export interface ErrorAnswer {
  error: { code: string; message: string; hint: string };
}
