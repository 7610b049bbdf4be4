// The submission report's shape: what went in, what came out, and why each document was removed.
// The pipeline writes it (oracle/pipeline/run/report.ts); the oracle seals it, a committee member
// and the audit recompute it, the dApp shows it. It holds no timings or machine facts, so the same
// submission always gives the same bytes (canonical-json.ts).
import { z } from "zod";

export const REPORT_SCHEMA = "1tt/report@1";

const count = z.int().min(0);

/** A problem with one record of an input (a line, a row) that the reader skipped. */
export const readerIssue = z.object({
  file: z.string(),
  line: count,
  kind: z.string().describe('machine-readable kind, e.g. "invalid_utf8", "bad_json", "missing_field", "bad_row"'),
  message: z.string(),
});
export type ReaderIssue = z.infer<typeof readerIssue>;

/** A quality rule in plain words. */
export const ruleExplanation = z.object({
  checks: z.string().describe("what the rule checks, in one sentence"),
  threshold: z.string().describe("the threshold as configured, in words"),
  advice: z.string().describe("what a contributor can change in their data"),
});
export type RuleExplanation = z.infer<typeof ruleExplanation>;

export const example = z.object({ file: z.string(), line: count, excerpt: z.string() });
export type Example = z.infer<typeof example>;

export const duplicateExample = example.extend({
  of: z.object({ submission: count, document: count }).describe("the earlier accepted document this one duplicates: submission sequence and document number"),
  jaccard: z.number().optional(),
  coverage: z.number().optional().describe("copied passages: the share of this document's sampled passages found in earlier documents"),
  original: z.object({ file: z.string(), line: count }).optional().describe("the earlier document's file and line, when it was accepted earlier in the same upload"),
  explanation: z.string().optional().describe("the decision in plain words"),
});
export type DuplicateExample = z.infer<typeof duplicateExample>;

/** A document paid only for its new part: the copied paragraphs were cut. */
export const partialExample = example.extend({ explanation: z.string() });
export type PartialExample = z.infer<typeof partialExample>;

export const tally = z.object({ documents: count, tokens: count });
export type Tally = z.infer<typeof tally>;

const withinAcross = z.object({ within: tally, across: tally });

export const report = z.object({
  schema: z.literal(REPORT_SCHEMA),
  pipelineId: z.string(),
  submission: z.object({ sequence: count, inputs: z.array(z.object({ name: z.string(), bytes: count, sha256: z.string() })) }),
  documents: z.object({ in: count, out: count }),
  tokens: z.object({ in: count, out: count }),
  removed: z.record(z.string(), tally.extend({ examples: z.array(example) })),
  explanations: z.record(z.string(), ruleExplanation).optional().describe("each rule in removed, in plain words: what it checks, its threshold, what to change"),
  duplicates: z.object({
    exact: withinAcross,
    near: withinAcross,
    passages: withinAcross.describe("removed because most of their passages appear in earlier documents (containment)"),
    examples: z.array(duplicateExample),
    partial: tally.extend({ examples: z.array(partialExample) }).describe("kept without their copied paragraphs: tokens counts the tokens cut (not paid)"),
  }),
  pii: z.record(z.string(), count),
  transforms: z.record(z.string(), z.record(z.string(), count)).describe("what each transform changed, over every document read (normalize, c4_lines)"),
  readerIssues: z.object({ total: count, byKind: z.record(z.string(), count), first: z.array(readerIssue) }),
});
export type Report = z.infer<typeof report>;
