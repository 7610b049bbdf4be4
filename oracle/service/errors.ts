// Every error the service answers with has the shape { error: { code, message, hint } }: a code a
// program can match, a sentence a person understands, and what to do about it.
import { ConfigError } from "../pipeline/config.ts";
import { ReaderError } from "../pipeline/read/index.ts";
import { StateError } from "../pipeline/run/state.ts";
import { StoreError, StoreUnreachableError, CidNotFoundError, InvalidCidError } from "../store/index.ts";

export interface ErrorBody {
  code: string;
  message: string;
  hint: string;
}

export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly hint: string;

  constructor(statusCode: number, code: string, message: string, hint = "") {
    super(message);
    this.name = "ApiError";
    this.statusCode = statusCode;
    this.code = code;
    this.hint = hint;
  }

  body(): { error: ErrorBody } {
    return { error: { code: this.code, message: this.message, hint: this.hint } };
  }
}

export const errorSchema = {
  $id: "Error",
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "hint"],
      properties: {
        code: { type: "string", description: "stable, for programs: e.g. upload_too_large" },
        message: { type: "string", description: "what went wrong, for people" },
        hint: { type: "string", description: "what to do about it" },
      },
    },
  },
} as const;

/** What a failed job records: the error and the HTTP status that best describes it. */
export interface JobError extends ErrorBody {
  status: number;
}

/** Translates an error met while processing a job into what the contributor is told. */
export function jobErrorOf(e: unknown): JobError {
  if (e instanceof ApiError) return { status: e.statusCode, code: e.code, message: e.message, hint: e.hint };
  if (e instanceof ReaderError) {
    const message = e.message.endsWith(e.hint) ? e.message.slice(0, e.message.length - e.hint.length).trim() : e.message;
    return { status: 422, code: e.code, message, hint: e.hint };
  }
  if (e instanceof StoreUnreachableError) {
    return {
      status: 503,
      code: "store_unavailable",
      message: `the content store (IPFS) could not be reached, so nothing was recorded: ${e.shortMessage}`,
      hint: "Upload again once the oracle's IPFS node is back; your data was not counted.",
    };
  }
  if (e instanceof StoreError) {
    return { status: 502, code: "store_failed", message: `the content store failed, so nothing was recorded: ${e.shortMessage}`, hint: e.hint ?? "" };
  }
  if (e instanceof StateError || e instanceof ConfigError) {
    return { status: 500, code: "oracle_state", message: e.message, hint: "This is the oracle's problem, not your data's; the operator has to fix it." };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { status: 500, code: "internal", message: `the oracle failed while processing this upload: ${message}`, hint: "Try again later; if it persists, report it with the job id." };
}

/** What a contributor is told when the committee refused to sign their submission's count. */
export function committeeRefusal(e: { refusals: readonly string[] }): JobError {
  const members = e.refusals.map((r) => r.replaceAll("\n", " ")).join(" | ");
  return {
    status: 409,
    code: "committee_refused",
    message: `the committee members replayed this submission and refused to sign the count this oracle asked for, so nothing was attested and no tokens of it count on chain. ${e.refusals.length === 1 ? "The refusal" : `The ${e.refusals.length} refusals`}: ${members}`,
    hint: "Your data is not at fault: this oracle's count differs from the committee's own replay. Its operator must fix it (docs/committee.md, When a member refuses); if this oracle is replaced, send the same files to the new one and they are counted once.",
  };
}

/** Errors from the content store when serving a CID. */
export function storeReadError(e: unknown): ApiError | null {
  if (e instanceof InvalidCidError) return new ApiError(400, "invalid_cid", e.shortMessage, e.hint ?? "");
  if (e instanceof CidNotFoundError) return new ApiError(404, "not_found", e.shortMessage, e.hint ?? "");
  if (e instanceof StoreUnreachableError) return new ApiError(503, "store_unavailable", e.shortMessage, e.hint ?? "");
  return null;
}
