// Errors a reader throws when a whole input is unusable. Per-record problems are never thrown:
// they go to the ReaderSink as issues. Each error says what is wrong and what to do about it.

export type ReaderErrorCode =
  | "unknown_format"
  | "extension_mismatch"
  | "corrupt_compression"
  | "missing_column"
  | "not_a_text_column"
  | "bad_parquet"
  | "bad_header"
  | "nothing_readable";

export class ReaderError extends Error {
  override readonly name = "ReaderError";
  readonly code: ReaderErrorCode;
  readonly file: string;
  /** What the contributor can do about it. */
  readonly hint: string;

  constructor(code: ReaderErrorCode, file: string, message: string, hint: string) {
    super(`${file}: ${message} ${hint}`);
    this.code = code;
    this.file = file;
    this.hint = hint;
  }
}
