// What the service keeps of a job's report: the counts, the rules, the files and lines, never the
// data. The report's excerpts of removed documents and its reader messages quote the upload (a
// removed document is often removed for the personal data in it), so the full report exists only
// sealed in the content store (reportCid), readable with the contributor's reader key; a failed
// job keeps no data at all, so only where to look in one's own file.
import type { Example, Report } from "../../pipeline/run/report.ts";

const withoutExcerpt = <E extends Example>(e: E): E => ({ ...e, excerpt: "" });

export function countsOnly(report: Report): Report {
  return {
    ...report,
    removed: Object.fromEntries(Object.entries(report.removed).map(([rule, t]) => [rule, { ...t, examples: t.examples.map(withoutExcerpt) }])),
    duplicates: {
      ...report.duplicates,
      examples: report.duplicates.examples.map(withoutExcerpt),
      // Reports from before partial credit have no `partial`.
      ...(report.duplicates.partial ? { partial: { ...report.duplicates.partial, examples: report.duplicates.partial.examples.map(withoutExcerpt) } } : {}),
    },
    readerIssues: {
      ...report.readerIssues,
      first: report.readerIssues.first.map((i) => ({ file: i.file, line: i.line, kind: i.kind, message: `${i.kind} at line ${i.line}` })),
    },
  };
}
