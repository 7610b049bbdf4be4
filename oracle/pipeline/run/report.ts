// Building the submission report (its shape: oracle/protocol/report.ts) as the run goes.
import { REPORT_SCHEMA, type DuplicateExample, type Example, type PartialExample, type ReaderIssue, type Report, type RuleExplanation, type Tally } from "../../protocol/report.ts";

export { REPORT_SCHEMA } from "../../protocol/report.ts";
export type { DuplicateExample, Example, PartialExample, Report, Tally } from "../../protocol/report.ts";

const EXAMPLES_PER_REASON = 3;
const EXCERPT_CHARS = 240;
const ISSUES_KEPT = 100;

function excerpt(text: string): string {
  if (text.length <= EXCERPT_CHARS) return text;
  // Never cut a surrogate pair in half: the report must stay valid UTF-8.
  let end = EXCERPT_CHARS;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + "…";
}

function add(target: Record<string, number>, counts: Record<string, number>): void {
  for (const [key, n] of Object.entries(counts)) target[key] = (target[key] ?? 0) + n;
}

const emptyTally = (): Tally => ({ documents: 0, tokens: 0 });

/** Sorts an object's keys so the JSON does not depend on the order events arrived in. */
function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export class ReportBuilder {
  private readonly report: Report;

  constructor(pipelineId: string, sequence: number) {
    this.report = {
      schema: REPORT_SCHEMA,
      pipelineId,
      submission: { sequence, inputs: [] },
      documents: { in: 0, out: 0 },
      tokens: { in: 0, out: 0 },
      removed: {},
      duplicates: {
        exact: { within: emptyTally(), across: emptyTally() },
        near: { within: emptyTally(), across: emptyTally() },
        passages: { within: emptyTally(), across: emptyTally() },
        examples: [],
        partial: { documents: 0, tokens: 0, examples: [] },
      },
      pii: {},
      transforms: {},
      readerIssues: { total: 0, byKind: {}, first: [] },
    };
  }

  input(name: string, bytes: number, sha256: string): void {
    this.report.submission.inputs.push({ name, bytes, sha256 });
  }

  seen(tokens: number): void {
    this.report.documents.in++;
    this.report.tokens.in += tokens;
  }

  removed(rule: string, tokens: number, file: string, line: number, text: string): void {
    const entry = (this.report.removed[rule] ??= { documents: 0, tokens: 0, examples: [] });
    entry.documents++;
    entry.tokens += tokens;
    if (entry.examples.length < EXAMPLES_PER_REASON) entry.examples.push({ file, line, excerpt: excerpt(text) });
  }

  duplicate(
    kind: "exact" | "near" | "passages",
    within: boolean,
    tokens: number,
    of: { submission: number; document: number },
    file: string,
    line: number,
    text: string,
    jaccard?: number,
    detail: Pick<DuplicateExample, "coverage" | "original" | "explanation"> = {},
  ): void {
    const tally = this.report.duplicates[kind][within ? "within" : "across"];
    tally.documents++;
    tally.tokens += tokens;
    const examples = this.report.duplicates.examples;
    const kindOf = (e: DuplicateExample) => (e.coverage !== undefined ? "passages" : e.jaccard !== undefined ? "near" : "exact");
    if (examples.filter((e) => kindOf(e) === kind).length < EXAMPLES_PER_REASON) {
      examples.push({ file, line, excerpt: excerpt(text), of, ...(jaccard === undefined ? {} : { jaccard }), ...detail });
    }
  }

  /** A document kept without its copied paragraphs; `cutTokens` are the tokens not paid. */
  partial(cutTokens: number, file: string, line: number, text: string, explanation: string): void {
    const partial = this.report.duplicates.partial;
    partial.documents++;
    partial.tokens += cutTokens;
    if (partial.examples.length < EXAMPLES_PER_REASON) partial.examples.push({ file, line, excerpt: excerpt(text), explanation });
  }

  kept(tokens: number): void {
    this.report.documents.out++;
    this.report.tokens.out += tokens;
  }

  count(section: "pii", counts: Record<string, number>): void {
    add(this.report[section], counts);
  }

  transform(name: string, counts: Record<string, number>): void {
    add((this.report.transforms[name] ??= {}), counts);
  }

  issue(issue: ReaderIssue): void {
    const issues = this.report.readerIssues;
    issues.total++;
    issues.byKind[issue.kind] = (issues.byKind[issue.kind] ?? 0) + 1;
    if (issues.first.length < ISSUES_KEPT) issues.first.push(issue);
  }

  get documentsIn(): number {
    return this.report.documents.in;
  }

  finish(): Report {
    const r = this.report;
    return {
      ...r,
      removed: sortedKeys(r.removed),
      pii: sortedKeys(r.pii),
      transforms: sortedKeys(Object.fromEntries(Object.entries(r.transforms).map(([k, v]) => [k, sortedKeys(v)]))),
      readerIssues: { ...r.readerIssues, byKind: sortedKeys(r.readerIssues.byKind) },
    };
  }
}
