// The submission report's shape: what went in, what came out, and why each document was removed.
// The pipeline writes it (oracle/pipeline/run/report.ts); the oracle seals it, a committee member
// and the audit recompute it, the dApp shows it. It holds no timings or machine facts, so the same
// submission always gives the same bytes (canonical-json.ts).

/** A problem with one record of an input (a line, a row) that the reader skipped. */
export interface ReaderIssue {
  file: string;
  line: number;
  /** Machine-readable kind, e.g. "invalid_utf8", "bad_json", "missing_field", "bad_row". */
  kind: string;
  message: string;
}

/** A quality rule in plain words. */
export interface RuleExplanation {
  /** What the rule checks, in one sentence. */
  checks: string;
  /** The threshold as configured, in words. */
  threshold: string;
  /** What a contributor can change in their data. */
  advice: string;
}

export const REPORT_SCHEMA = "1tt/report@1";

export interface Example {
  file: string;
  line: number;
  excerpt: string;
}

export interface DuplicateExample extends Example {
  /** The earlier accepted document this one duplicates: submission sequence and document number. */
  of: { submission: number; document: number };
  jaccard?: number;
  /** Copied passages: the share of this document's sampled passages found in earlier documents. */
  coverage?: number;
  /** The earlier document's file and line, when it was accepted earlier in the same upload. */
  original?: { file: string; line: number };
  /** The decision in plain words. */
  explanation?: string;
}

/** A document paid only for its new part: the copied paragraphs were cut. */
export interface PartialExample extends Example {
  explanation: string;
}

export interface Tally {
  documents: number;
  tokens: number;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  pipelineId: string;
  submission: { sequence: number; inputs: { name: string; bytes: number; sha256: string }[] };
  documents: { in: number; out: number };
  tokens: { in: number; out: number };
  removed: Record<string, Tally & { examples: Example[] }>;
  /** Each rule in `removed`, in plain words: what it checks, its threshold, what to change. */
  explanations?: Record<string, RuleExplanation>;
  duplicates: {
    exact: { within: Tally; across: Tally };
    near: { within: Tally; across: Tally };
    /** Removed because most of their passages appear in earlier documents (containment). */
    passages: { within: Tally; across: Tally };
    examples: DuplicateExample[];
    /** Kept without their copied paragraphs: `tokens` counts the tokens cut (not paid). */
    partial: Tally & { examples: PartialExample[] };
  };
  pii: Record<string, number>;
  /** What each transform changed, over every document read (normalize, c4_lines). */
  transforms: Record<string, Record<string, number>>;
  readerIssues: { total: number; byKind: Record<string, number>; first: ReaderIssue[] };
}
