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

// ---- shapes of the service's answers: one definition, shared with the service (and its OpenAPI at /openapi.json)

export { JOB_STAGES } from "../../../oracle/protocol/oracle-api.ts";
export type {
  JobProgress,
  JobState,
  JobView as Job,
  NonceAnswer,
  ReaderKeyAnswer,
  SessionAnswer,
  SessionStateAnswer,
  SignedAttestation,
  StatsAnswer as Stats,
  SubmissionView as Submission,
  SubmissionsAnswer,
} from "../../../oracle/protocol/oracle-api.ts";

/** The pipeline's report (schema 1tt/report@1), as the pipeline defines it. */
export type { Example, Report, Tally } from "../../../oracle/protocol/report.ts";
