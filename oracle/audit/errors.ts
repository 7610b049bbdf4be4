// Errors of the audit itself (it could not run), as opposed to findings (it ran and something
// is wrong, reported in a CheckResult). Each has a short message, details and what to do; callers
// match on the class (or `name`), never on the text.

import { OneTTError, type OneTTErrorParameters } from "../protocol/errors.ts";

export type AuditErrorParameters = OneTTErrorParameters;

export class AuditError extends OneTTError {
  override name = "AuditError";
}

/** There is no contract at the address (at the audited block). */
export class SplitterNotFoundError extends AuditError {
  override name = "SplitterNotFoundError";
  constructor(splitter: string, block: bigint) {
    super(`No contract at ${splitter} at block ${block}.`, {
      hint: "Check the splitter address and that the RPC URL is for the program's chain.",
    });
  }
}

/** A checkpoint that belongs to another splitter or chain, or whose last block was reorganised away. */
export class CheckpointMismatchError extends AuditError {
  override name = "CheckpointMismatchError";
  constructor(details: string) {
    super("The checkpoint cannot be resumed.", {
      details,
      hint: "Delete the checkpoint file (or start without one): the audit then scans the logs from the start.",
    });
  }
}

/** Options that cannot work together or are out of range. */
export class AuditOptionsError extends AuditError {
  override name = "AuditOptionsError";
  constructor(shortMessage: string, hint?: string) {
    super(shortMessage, { hint });
  }
}

/** The replay was asked for without what it needs (a view key, a pipeline). */
export class ReplayUnavailableError extends AuditError {
  override name = "ReplayUnavailableError";
}
