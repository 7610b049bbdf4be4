// The oracle service over HTTP (oracle/service/README.md): the dApp's only link to it. Same-origin
// by default (`/oracle`, proxied by Vite or the site's reverse proxy), so the HttpOnly session
// cookie works and no CORS is needed.
import { oracleUrl } from "../config.ts";

export const ORACLE_BASE = (oracleUrl || "/oracle").replace(/\/$/, "");

/** An error the oracle explained ({ error: { code, message, hint } }). */
export class OracleError extends Error {
  override name = "OracleError";
  readonly code: string;
  readonly status: number;
  readonly hint: string;
  constructor(status: number, code: string, message: string, hint: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.hint = hint;
  }
}

/** The oracle did not answer at all (down, or a proxy without it). */
export class OracleUnreachableError extends Error {
  override name = "OracleUnreachableError";
}

export async function oracleFetch(path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${ORACLE_BASE}${path}`, { credentials: "include", ...init });
  } catch (cause) {
    throw new OracleUnreachableError(`the oracle at ${ORACLE_BASE} does not answer`, { cause });
  }
  if (res.ok) return res;
  const body = (await res.json().catch(() => undefined)) as { error?: { code: string; message: string; hint: string } } | undefined;
  if (body?.error) throw new OracleError(res.status, body.error.code, body.error.message, body.error.hint);
  if (res.status === 502 || res.status === 503 || res.status === 504) throw new OracleUnreachableError(`the oracle at ${ORACLE_BASE} does not answer (${res.status})`);
  throw new OracleError(res.status, "http_error", `the oracle answered ${res.status} ${res.statusText}`, "Try again later.");
}

export async function oracleJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  return (await (await oracleFetch(path, init)).json()) as T;
}

export const postJson = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

// ---- shapes of the service's answers (see its OpenAPI at /openapi.json)

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

export interface JobProgress {
  stage: string;
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

export type JobState = "queued" | "processing" | "accepted" | "failed";
export const JOB_STAGES = ["queued", "reading", "finishing", "storing", "committing", "publishing", "done"] as const;

export interface Job {
  id: string;
  contributor: string;
  state: JobState;
  stage: (typeof JOB_STAGES)[number];
  attempts: number;
  createdAt: string;
  finishedAt: string | null;
  files: { name: string; bytes: number; sha256: string }[];
  bytes: number;
  progress: JobProgress | null;
  result: {
    sequence: number;
    documents: number;
    tokens: { in: number; out: number };
    cumulativeTokens: number;
    manifestCid: string | null;
    reportCid: string;
    filteredCid: string;
    rawCids: string[];
    attestation: unknown | null;
  } | null;
  error: { code: string; message: string; hint: string; status: number } | null;
}

/** The pipeline's report (schema 1tt/report@1), as the pipeline defines it. */
export type { Example, Report, Tally } from "../../../oracle/pipeline/run/report.ts";

export interface Submission {
  jobId: string;
  sequence: number;
  acceptedAt: string;
  documents: number;
  tokens: number;
  cumulativeTokens: number;
  manifestCid: string | null;
  reportCid: string;
  attestation: unknown;
}

export interface Stats {
  pipelineId: string;
  submissions: number;
  contributors: number;
  tokens: number;
  documents: number;
  bytes: number;
}
