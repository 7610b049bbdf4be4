// The oracle's HTTP API as schemas: every request the service (oracle/service) accepts and every
// answer it gives, written once. The service derives its routes' JSON Schemas and its OpenAPI
// document (GET /openapi.json) from them; the oracle client (oracle-client.ts) checks each answer
// against them; the types are inferred from them. Browser-safe.
import { z } from "zod";
import { report } from "./report.ts";
import { address, cidText, count, decimal, hex, isoTime, publicKey } from "./wire.ts";

export const JOB_STATES = ["queued", "processing", "accepted", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];
export const JOB_STAGES = ["queued", "reading", "finishing", "storing", "committing", "publishing", "done"] as const;
export type JobStage = (typeof JOB_STAGES)[number];

// ---- Refusals

export const errorBody = z.object({
  code: z.string().describe("stable, for programs: e.g. upload_too_large"),
  message: z.string().describe("what went wrong, for people"),
  hint: z.string().describe("what to do about it"),
});
/** Every refusal: `{ error: { code, message, hint } }`. */
export const errorAnswer = z.object({ error: errorBody });
export type ErrorAnswer = z.infer<typeof errorAnswer>;

// ---- Jobs

/** Live figures of a job while the pipeline reads it (SSE "progress" events, GET /jobs/:id). */
export const jobProgress = z.object({
  stage: z.enum(JOB_STAGES),
  bytesRead: count,
  bytesTotal: count,
  documents: count,
  kept: count,
  removed: count,
  removedByRule: z.record(z.string(), count),
  duplicates: count,
  tokensIn: count,
  tokensOut: count,
});
export type JobProgress = z.infer<typeof jobProgress>;

/**
 * A committee-signed attestation as the oracle returns it (JSON: integers as decimal strings).
 * `signatures` is the packed, signer-ordered bytes RevenueSplitter.attest takes; anyone may send
 * it, the contributor included, until `deadline`.
 */
export const signedAttestation = z.object({
  contributor: address,
  tokens: decimal,
  nonce: decimal,
  deadline: decimal,
  manifestCid: hex.describe("the manifest's binary CIDv1, hex, as the contract takes it"),
  signatures: hex.nullable().describe("null when the attestation was already on chain, posted by someone else, before this oracle combined one"),
  signers: z.array(address).describe("the signers packed into signatures (exactly the threshold, lowest addresses first)"),
  signedBy: z.array(address).optional().describe("every member that signed this count, packed or not (absent in jobs from before committee nodes)"),
  refusals: z.array(z.string()).describe("co-signers that declined or could not be reached, with their reason"),
  posted: z
    .looseObject({ hash: hex.optional(), status: z.string().optional() })
    .nullable()
    .describe("the relayer's record of posting it; null when this oracle does not post (the contributor does)"),
});
export type SignedAttestation = z.infer<typeof signedAttestation>;

export const jobResult = z.object({
  sequence: count,
  documents: count,
  tokens: z.object({ in: count, out: count }),
  cumulativeTokens: count,
  manifestCid: z.string().nullable(),
  keysCid: z.string().nullable().describe("the filtered data's key envelope: its data key wrapped for each reader (null for jobs stored before encryption)"),
  privateKeysCid: z.string().nullable().describe("the raw files' and report's key envelope (every reader but the consumers)"),
  reportCid: z.string(),
  filteredCid: z.string(),
  rawCids: z.array(z.string()),
  attestation: signedAttestation.nullable(),
});
export type JobResult = z.infer<typeof jobResult>;

/** What a failed job records: the refusal and the HTTP status that best describes it. */
export const jobError = errorBody.extend({ status: z.int() });
export type JobError = z.infer<typeof jobError>;

/** A job as GET /jobs/:id, the SSE "done" event and the lists show it. */
export const jobView = z.object({
  id: z.string(),
  contributor: z.string(),
  state: z.enum(JOB_STATES),
  stage: z.enum(JOB_STAGES),
  attempts: count,
  createdAt: isoTime,
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
  files: z.array(z.object({ name: z.string(), bytes: count, sha256: z.string() })),
  bytes: count,
  progress: jobProgress.nullable(),
  result: jobResult.nullable(),
  error: jobError.nullable(),
});
export type JobView = z.infer<typeof jobView>;

export const jobParams = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/) });
export const jobsQuery = z.object({ limit: z.int().min(1).max(500).default(100) });
export const jobsAnswer = z.object({ jobs: z.array(jobView) });
/** POST /uploads: the job made for the files (202), or the one already made for the same files (200). */
export const uploadAnswer = z.object({ job: jobView, existing: z.boolean() });
export type UploadAnswer = z.infer<typeof uploadAnswer>;
/** GET /jobs/:id/report: the pipeline's report, its excerpts emptied (oracle/service/jobs/origins.ts). */
export const jobReportAnswer = report;

// ---- The program

export const statsAnswer = z.object({
  pipelineId: z.string(),
  program: z
    .object({ chainId: z.int(), splitter: address.nullable() })
    .describe("the program uploads are signed for (the contribution's EIP-712 domain): splitter null when this oracle runs none, and contributions are then signed for the zero address"),
  submissions: count.describe("accepted submissions in the dedup log"),
  contributors: count.describe("addresses with at least one accepted submission"),
  tokens: count.describe("accepted tokens, all contributors"),
  documents: count,
  bytes: count.describe("bytes uploaded in accepted submissions"),
  jobs: z.object({ queued: count, processing: count, accepted: count, failed: count }),
});
export type StatsAnswer = z.infer<typeof statsAnswer>;

/** An accepted submission in GET /contributors/:address/submissions. */
export const submissionView = z.object({
  jobId: z.string(),
  sequence: count,
  acceptedAt: isoTime,
  documents: count,
  tokens: count,
  cumulativeTokens: count,
  manifestCid: z.string().nullable(),
  reportCid: z.string(),
  attestation: signedAttestation.nullable(),
});
export type SubmissionView = z.infer<typeof submissionView>;

export const submissionsParams = z.object({ address: z.string().regex(/^0x[0-9a-fA-F]{40}$/) });
export const submissionsQuery = z.object({ limit: z.int().min(1).max(1000).default(100) });
export const submissionsAnswer = z.object({ contributor: address, cumulativeTokens: count, submissions: z.array(submissionView) });
export type SubmissionsAnswer = z.infer<typeof submissionsAnswer>;

export const cidParams = z.object({ cid: cidText });
/** GET /manifests/:cid: the manifest as stored, byte for byte (oracle/manifest/schema.ts checks it). */
export const storedJson = z.looseObject({}).describe("a manifest or a key envelope, as stored on IPFS");

export const healthAnswer = z.object({
  status: z.enum(["ok", "degraded"]),
  pipelineId: z.string(),
  store: z.object({ kind: z.string(), reachable: z.boolean(), error: z.string().nullable() }),
  queue: z.object({ queued: count, processing: count, current: z.string().nullable() }),
});
export type HealthAnswer = z.infer<typeof healthAnswer>;

// ---- Claims without gas

/** GET /claims/relay: whether this oracle submits signed claims, and for which chain, program and relayer. */
export const claimRelayInfo = z.discriminatedUnion("offered", [
  z.object({ offered: z.literal(false) }),
  z.object({ offered: z.literal(true), chainId: z.int(), splitter: address, relayer: address }),
]);
export type ClaimRelayInfo = z.infer<typeof claimRelayInfo>;
export const claimRelayRequest = z.strictObject({
  claim: z.strictObject({ contributor: address, recipient: address, nonce: decimal, deadline: decimal }),
  signature: z.templateLiteral(["0x", z.string().regex(/^([0-9a-fA-F]{2}){1,4096}$/)]),
});
export type ClaimRelayRequest = z.infer<typeof claimRelayRequest>;
export const claimRelayAnswer = z.object({ transactionHash: hex });

// ---- Sign-in and the reader key

export const nonceAnswer = z.object({
  nonce: z.string(),
  expiresAt: isoTime,
  domain: z.string().describe("the domain the message must name"),
  uri: z.string().describe("the origin the message's URI must be on"),
  chainId: z.int(),
});
export type NonceAnswer = z.infer<typeof nonceAnswer>;

export const signInRequest = z.strictObject({
  message: z.string().min(1).max(4096),
  signature: z.templateLiteral(["0x", z.string().regex(/^[0-9a-fA-F]+$/)]).check(z.maxLength(65536)),
});
export type SignInRequest = z.infer<typeof signInRequest>;

export const sessionAnswer = z.object({ address: address.describe("the signed-in address (checksummed)"), expiresAt: isoTime });
export type SessionAnswer = z.infer<typeof sessionAnswer>;
/** POST /session/verify: the session, and its token for an `Authorization: Bearer` header. */
export const signInAnswer = sessionAnswer.extend({ token: z.string() });
export type SignInAnswer = z.infer<typeof signInAnswer>;

/** GET and PUT /session/reader-key. */
export const readerKeyAnswer = z.object({
  address: address.describe("the signed-in address (checksummed)"),
  publicKey: publicKey.describe("X25519 public key, 0x + 64 hex: every submission's data key is wrapped for it (role contributor)"),
  registeredAt: isoTime,
});
export type ReaderKeyAnswer = z.infer<typeof readerKeyAnswer>;
export const readerKeyRequest = z.strictObject({ publicKey });

/**
 * GET /session: this client's session as it stands, answered whether or not anyone is signed in
 * (a page asks it on load, and an expected "no" is not an error): who is signed in, until when,
 * and the reader key registered for them; nulls when signed out or when there is no key.
 */
export const sessionStateAnswer = z.object({
  address: address.nullable().describe("the signed-in address (checksummed), null when signed out"),
  expiresAt: isoTime.nullable(),
  readerKey: readerKeyAnswer.nullable().describe("the reader key registered for the signed-in address, null when there is none"),
});
export type SessionStateAnswer = z.infer<typeof sessionStateAnswer>;
