import type { Format } from "./detect.ts";

export type TextMode = "file" | "blocks" | "lines";
export type InvalidUtf8Policy = "skip" | "replace";

export interface ReaderOptions {
  /** Overrides the format the file name says (the compression is still taken from the name). */
  format?: Format;
  /**
   * JSONL key, CSV header name or Parquet column holding the text. Default "text". In JSONL a
   * dotted path ("meta.body") is followed into nested objects when no key has that exact name.
   */
  textField?: string;
  /** Plain text: one document per file, per blank-line-separated block, or per line. Default "file". */
  textMode?: TextMode;
  /**
   * A document (JSONL line, text block, CSV row, Parquet value) that is not valid UTF-8: "skip"
   * it (default) or "replace" each invalid sequence by U+FFFD. Reported either way.
   */
  invalidUtf8?: InvalidUtf8Policy;
  /** Larger documents (or JSONL lines, CSV records) are skipped and reported. Default 64 MiB. */
  maxDocumentBytes?: number;
  /** CSV field delimiter; default "," (and "\t" for .tsv). */
  csvDelimiter?: string;
  /** Where a Parquet stream or compressed Parquet file is spooled. Default os.tmpdir(). */
  tmpDir?: string;
}

export interface ResolvedReaderOptions {
  format: Format | undefined;
  textField: string;
  textMode: TextMode;
  invalidUtf8: InvalidUtf8Policy;
  maxDocumentBytes: number;
  csvDelimiter: string | undefined;
  tmpDir: string | undefined;
}

export const DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

export function resolveReaderOptions(o: ReaderOptions): ResolvedReaderOptions {
  const textMode = o.textMode ?? "file";
  if (!["file", "blocks", "lines"].includes(textMode)) throw new TypeError(`textMode must be file, blocks or lines, got ${textMode}`);
  const invalidUtf8 = o.invalidUtf8 ?? "skip";
  if (invalidUtf8 !== "skip" && invalidUtf8 !== "replace") throw new TypeError(`invalidUtf8 must be skip or replace, got ${invalidUtf8}`);
  const maxDocumentBytes = o.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  if (!(maxDocumentBytes > 0)) throw new TypeError("maxDocumentBytes must be positive");
  const textField = o.textField ?? "text";
  if (textField.length === 0) throw new TypeError("textField must not be empty");
  return { format: o.format, textField, textMode, invalidUtf8, maxDocumentBytes, csvDelimiter: o.csvDelimiter, tmpDir: o.tmpDir };
}
