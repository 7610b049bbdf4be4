// The base of every error the project throws (pipeline, store, crypto, manifest, attest, audit,
// service, CLI): a stable code, a short message, the details that tell one case from another, and
// what to do about it. `message` joins the three texts so a log line carries all of it; callers
// match on the class or the code, never on the text. What a code means to an HTTP answer and to
// the CLI's exit code is in one table (error-codes.ts). Browser-safe.

export interface OneTTErrorParameters {
  /** Stable, for programs (error-codes.ts); the class's own code when left out. */
  code?: string;
  details?: string;
  hint?: string;
  cause?: unknown;
}

export class OneTTError extends Error {
  /** The code of this class's errors unless one says otherwise; a subclass sets its own. */
  static readonly code: string = "internal";
  override name = "OneTTError";
  readonly code: string;
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly hint: string | undefined;

  constructor(shortMessage: string, { code, details, hint, cause }: OneTTErrorParameters = {}) {
    const lines = [shortMessage];
    if (details) lines.push(`Details: ${details}`);
    if (hint) lines.push(`What to do: ${hint}`);
    super(lines.join("\n"), cause === undefined ? undefined : { cause });
    this.code = code ?? (new.target as unknown as { code: string }).code;
    this.shortMessage = shortMessage;
    this.details = details;
    this.hint = hint;
  }
}
