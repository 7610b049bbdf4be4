// Every error the service answers with has the shape { error: { code, message, hint } }: a code a
// program can match, a sentence a person understands, and what to do about it. The HTTP status
// of a code is in oracle/protocol/error-codes.ts.
import { ConfigError } from "../pipeline/config.ts";
import { ReaderError } from "../pipeline/read/index.ts";
import { StateError } from "../ledger/state.ts";
import { meaningOf } from "../protocol/error-codes.ts";
import { errorAnswer, type ErrorAnswer, type JobError } from "../protocol/oracle-api.ts";
import { OneTTError } from "../protocol/errors.ts";
import { sharedAnswer } from "./wire-schema.ts";
import { StoreError, StoreUnreachableError, CidNotFoundError, InvalidCidError } from "../store/index.ts";

export type ErrorBody = ErrorAnswer["error"];

/** An answer the service gives on purpose: its status, a code of its own, the sentence and the hint. */
export class ApiError extends OneTTError {
  override name = "ApiError";
  readonly statusCode: number;
  declare readonly hint: string;

  constructor(statusCode: number, code: string, message: string, hint = "") {
    super(message, { code, hint });
    this.statusCode = statusCode;
  }

  body(): { error: ErrorBody } {
    return { error: { code: this.code, message: this.shortMessage, hint: this.hint } };
  }
}

/** The answer for an error of another module, with the status its code has (error-codes.ts). */
const answer = (e: OneTTError): ApiError => new ApiError(meaningOf(e.code).status, e.code, e.shortMessage, e.hint ?? "");

/** The one shape of every refusal, registered once and referred to by each route that can give it. */
export const errorSchema = sharedAnswer("Error", errorAnswer);

export type { JobError };

/** Translates an error met while processing a job into what the contributor is told. */
export function jobErrorOf(e: unknown): JobError {
  if (e instanceof ApiError) return { status: e.statusCode, code: e.code, message: e.shortMessage, hint: e.hint };
  if (e instanceof ReaderError) return { status: meaningOf(e.code).status, code: e.code, message: e.shortMessage, hint: e.hint };
  if (e instanceof StoreUnreachableError) {
    return {
      status: meaningOf(e.code).status,
      code: e.code,
      message: `the content store (IPFS) could not be reached, so nothing was recorded: ${e.shortMessage}`,
      hint: "Upload again once the oracle's IPFS node is back; your data was not counted.",
    };
  }
  if (e instanceof StoreError) {
    return { status: meaningOf("store_failed").status, code: "store_failed", message: `the content store failed, so nothing was recorded: ${e.shortMessage}`, hint: e.hint ?? "" };
  }
  if (e instanceof StateError || e instanceof ConfigError) {
    return { status: meaningOf("oracle_state").status, code: "oracle_state", message: e.message, hint: "This is the oracle's problem, not your data's; the operator has to fix it." };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { status: meaningOf("internal").status, code: "internal", message: `the oracle failed while processing this upload: ${message}`, hint: "Try again later; if it persists, report it with the job id." };
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
  return e instanceof InvalidCidError || e instanceof CidNotFoundError || e instanceof StoreUnreachableError ? answer(e) : null;
}
