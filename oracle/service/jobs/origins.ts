// Where each accepted document of a submission came from (its file and line), so a later report
// can name the original of a duplicate the way its contributor knows it: "my-prose.jsonl:41
// duplicates first.jsonl:6", not "submission #3, document 1". The pipeline's report only knows an
// earlier document by its place in the log (submission, document): the report is replayed by the
// committee and the audit and must not depend on this oracle's records, and another
// contributor's file names are theirs alone. So the oracle keeps the origins of each accepted
// submission beside its job and fills in a duplicate's original when the report is read, and only
// for the reader's own earlier submissions.
import type { DuplicateExample, Report } from "../../pipeline/run/report.ts";

/** The accepted documents' origins, in the order the documents were accepted (their document number). */
export interface KeptOrigins {
  files: string[];
  /** Per accepted document: [index into files, 1-based line]. */
  at: [number, number][];
}

export function originCollector(): { add(file: string, line: number): void; origins(): KeptOrigins } {
  const files: string[] = [];
  const index = new Map<string, number>();
  const at: [number, number][] = [];
  return {
    add(file, line) {
      let i = index.get(file);
      if (i === undefined) {
        i = files.push(file) - 1;
        index.set(file, i);
      }
      at.push([i, line]);
    },
    origins: () => ({ files, at }),
  };
}

/** The submission at a place in the log, as far as this oracle knows it. */
export type EarlierSubmission = (sequence: number) => { contributor: string; origins: KeptOrigins | null } | null;

/** `report` with each duplicate of the contributor's own earlier submissions naming that document's file and line. */
export function withOriginals(report: Report, contributor: string, earlier: EarlierSubmission): Report {
  const named = (e: DuplicateExample): DuplicateExample => {
    if (e.original || e.of.submission === report.submission.sequence) return e;
    const s = earlier(e.of.submission);
    const at = s && s.contributor.toLowerCase() === contributor.toLowerCase() ? s.origins?.at[e.of.document] : undefined;
    return at ? { ...e, original: { file: s!.origins!.files[at[0]]!, line: at[1] } } : e;
  };
  return { ...report, duplicates: { ...report.duplicates, examples: report.duplicates.examples.map(named) } };
}
