// How the oracle client fails: the oracle refused (with its code and hint) or did not answer.
// Apart from the client so that a page can tell these errors apart without loading the API's
// schemas. Browser-safe.
import { OneTTError } from "./errors.ts";

/** An answer in which the oracle explained its refusal ({ error: { code, message, hint } }). */
export class OracleError extends OneTTError {
  override name = "OracleError";
  readonly status: number;

  constructor(status: number, code: string, message: string, hint: string) {
    super(message, { code, hint });
    this.status = status;
  }
}

/** The oracle did not answer at all (down, or a proxy in front of it that is). */
export class OracleUnreachableError extends OneTTError {
  static override readonly code = "oracle_unreachable";
  override name = "OracleUnreachableError";
}
