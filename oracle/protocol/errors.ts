// The base of every error the oracle's libraries throw (store, manifest, attest, crypto, audit):
// a short message, the details that tell one case from another, and what to do about it.
// `message` joins the three so a log line carries all of it; callers match on the class (or
// `name`, or a `code` where a module has one), never on the text. Browser-safe.

export interface OneTTErrorParameters {
  details?: string;
  hint?: string;
  cause?: unknown;
}

export class OneTTError extends Error {
  override name = "OneTTError";
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly hint: string | undefined;

  constructor(shortMessage: string, { details, hint, cause }: OneTTErrorParameters = {}) {
    const lines = [shortMessage];
    if (details) lines.push(`Details: ${details}`);
    if (hint) lines.push(`What to do: ${hint}`);
    super(lines.join("\n"), cause === undefined ? undefined : { cause });
    this.shortMessage = shortMessage;
    this.details = details;
    this.hint = hint;
  }
}
