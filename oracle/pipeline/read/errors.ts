// Errors a reader throws when a whole input is unusable. Per-record problems are never thrown:
// they go to the ReaderSink as issues. Each error says what is wrong and what to do about it.
import { OneTTError } from "../../protocol/errors.ts";

export type ReaderErrorCode =
  | "unknown_format"
  | "extension_mismatch"
  | "corrupt_compression"
  | "missing_column"
  | "not_a_text_column"
  | "bad_parquet"
  | "bad_header"
  | "nothing_readable";

export class ReaderError extends OneTTError {
  override readonly name = "ReaderError";
  declare readonly code: ReaderErrorCode;
  readonly file: string;
  /** What the contributor can do about it. */
  declare readonly hint: string;

  constructor(code: ReaderErrorCode, file: string, message: string, hint: string) {
    super(`${file}: ${message}`, { code, hint });
    this.file = file;
  }
}
