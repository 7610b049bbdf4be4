// Every stable error code of the project and what it means to the two kinds of caller that cannot
// read a message: the HTTP status the oracle answers with, and the exit code of the 1tt command.
// An error carries its code (OneTTError.code, errors.ts); the service and the CLI look it up here
// instead of deciding, each in its own way, which failures are the caller's and which are not.
// Exit codes: 2 for what the user fixes (the command line, a file, a configuration), 1 for the
// rest.

export interface ErrorCodeMeaning {
  /** The HTTP status an answer with this code carries. */
  status: number;
  /** What the 1tt command exits with. */
  exit: 1 | 2;
}

const user = (status: number): ErrorCodeMeaning => ({ status, exit: 2 });
const system = (status: number): ErrorCodeMeaning => ({ status, exit: 1 });

export const ERROR_CODES = {
  // The command line or the request.
  usage: user(400),
  config_invalid: user(400),
  // A CID that does not parse. The CLI turns the ones its user typed into usage errors; any other
  // came from data (a manifest, an event), which the user cannot fix.
  invalid_cid: system(400),
  // A contribution the pipeline cannot read (oracle/pipeline/read/errors.ts).
  unknown_format: user(415),
  extension_mismatch: user(422),
  corrupt_compression: user(422),
  missing_column: user(422),
  not_a_text_column: user(422),
  bad_parquet: user(422),
  bad_header: user(422),
  nothing_readable: user(422),
  // Content that is not where it was looked for, or a store that does not answer.
  not_found: system(404),
  store_unavailable: system(503),
  store_failed: system(502),
  // The indexer (indexer/) does not answer, or not with its API: readers fall back to the logs.
  indexer_unavailable: system(503),
  // A state folder the command or the oracle cannot use as it is (a replay ledger, a takeover).
  state_invalid: user(500),
  takeover_refused: user(409),
  // Anything else: a fault of the oracle or of 1tt, not of the caller.
  oracle_state: system(500),
  internal: system(500),
} as const satisfies Record<string, ErrorCodeMeaning>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** What `code` means; an unknown code is an internal failure. */
export function meaningOf(code: string | undefined): ErrorCodeMeaning {
  return (code !== undefined && Object.hasOwn(ERROR_CODES, code) ? ERROR_CODES[code as ErrorCode] : ERROR_CODES.internal);
}
