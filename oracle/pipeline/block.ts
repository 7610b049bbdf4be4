// The contracts between the pipeline's blocks and the runner that composes them.
// A block has a name, a config and counters, and never knows about the other blocks.

/** One document as a reader yields it, before any change to its text. */
export interface SourceDocument {
  /** The text as read (valid UTF-8 decoded; not yet normalized). */
  text: string;
  /** Name of the input file as the user gave it (no directory of the machine is recorded). */
  file: string;
  /** 1-based line (JSONL, plain text), row (CSV, Parquet) or block number in that file. */
  line: number;
}

/** A problem a reader met and skipped: reported with its place, never fatal on its own. */
export type { ReaderIssue } from "../protocol/report.ts";
import type { ReaderIssue } from "../protocol/report.ts";

/** Receives reader issues and progress; the runner owns it. */
export interface ReaderSink {
  issue(issue: ReaderIssue): void;
  /** Called with the number of compressed-or-raw input bytes consumed since the last call. */
  bytes(n: number): void;
}

/** A block that changes the text of a document (normalization, PII redaction). */
export interface Transform {
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
  /** Returns the new text; adds what it did to `counts` (e.g. { email: 2 }). Pure and deterministic. */
  apply(text: string, counts: Record<string, number>): string;
}

/** A block that keeps or removes a document. */
export interface Filter {
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
  /** Every rule id this filter can return, e.g. "gopher_quality:min_words". */
  readonly rules: readonly string[];
  /** null keeps the document; otherwise the id of the rule that removes it. Pure and deterministic. */
  check(text: string): string | null;
}
