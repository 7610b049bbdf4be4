// A submission's report: documents and tokens in and out, each filter's removals with a few
// examples, duplicates within the upload and against earlier data.
import { ErrorNote } from "../ui/ErrorNote.tsx";
import type { Report } from "./client.ts";
import { useReport } from "./jobs.ts";

const n = (x: number) => x.toLocaleString("en-US");

export function ReportView({ jobId }: { jobId: string }) {
  const report = useReport(jobId, true);
  if (report.error) return <ErrorNote error={report.error} />;
  if (!report.data) return <p className="muted" aria-busy="true">Loading the report…</p>;
  return <ReportBody report={report.data} />;
}

/** The report itself, as read from the oracle. */
export function ReportBody({ report: r }: { report: Report }) {
  const removed = Object.entries(r.removed).sort(([, a], [, b]) => b.documents - a.documents);
  const d = r.duplicates;
  return (
    <article className="report" data-testid="report" aria-label={`Report of submission ${r.submission.sequence}`}>
      <h3>Report · submission #{r.submission.sequence}</h3>
      <dl className="overview">
        <div data-testid="report-documents" data-value={`${r.documents.in}/${r.documents.out}`}>
          <dt>Documents in → kept</dt>
          <dd>{n(r.documents.in)} → {n(r.documents.out)}</dd>
        </div>
        <div data-testid="report-tokens" data-value={`${r.tokens.in}/${r.tokens.out}`}>
          <dt>Tokens in → kept</dt>
          <dd>{n(r.tokens.in)} → {n(r.tokens.out)}</dd>
        </div>
        <div>
          <dt>Duplicates (exact / near)</dt>
          <dd>
            within the upload {n(d.exact.within.documents)} / {n(d.near.within.documents)}; against earlier data {n(d.exact.across.documents)} / {n(d.near.across.documents)}
          </dd>
        </div>
        {d.passages && (
          <div data-testid="report-copied">
            <dt>Copied passages (removed / paid for the new part only)</dt>
            <dd>
              {n(d.passages.within.documents + d.passages.across.documents)} / {n(d.partial.documents)}, {n(d.partial.tokens)} copied tokens not paid
            </dd>
          </div>
        )}
      </dl>
      <h4>Removed by the quality filters</h4>
      {removed.length === 0 ? (
        <p className="muted">No document removed by a filter.</p>
      ) : (
        <ul className="removals">
          {removed.map(([rule, t]) => (
            <li key={rule}>
              <details>
                <summary>
                  <code>{rule}</code>: {n(t.documents)} documents, {n(t.tokens)} tokens
                </summary>
                <Examples examples={t.examples} />
              </details>
            </li>
          ))}
        </ul>
      )}
      {d.examples.length > 0 && (
        <details>
          <summary>Duplicate examples ({d.examples.length})</summary>
          <ul className="examples">
            {d.examples.map((e, i) => (
              <li key={i}>
                <span className="muted">
                  {e.file}:{e.line} duplicates submission #{e.of.submission}, document {e.of.document}
                  {e.jaccard !== undefined ? ` (similarity ${e.jaccard.toFixed(2)})` : ""}
                </span>
                {e.explanation && <p className="small">{e.explanation}</p>}
                <blockquote>{e.excerpt}</blockquote>
              </li>
            ))}
          </ul>
        </details>
      )}
      {d.partial?.examples.length > 0 && (
        <details>
          <summary>Paid for the new part only ({d.partial.examples.length})</summary>
          <ul className="examples">
            {d.partial.examples.map((e, i) => (
              <li key={i}>
                <span className="muted">
                  {e.file}:{e.line}: {e.explanation}
                </span>
                <blockquote>{e.excerpt}</blockquote>
              </li>
            ))}
          </ul>
        </details>
      )}
      {r.readerIssues.total > 0 && <p className="muted">{n(r.readerIssues.total)} unreadable lines were skipped ({Object.entries(r.readerIssues.byKind).map(([k, v]) => `${k}: ${v}`).join(", ")}).</p>}
      <p className="muted small">Pipeline {r.pipelineId}</p>
    </article>
  );
}

function Examples({ examples }: { examples: Report["removed"][string]["examples"] }) {
  if (examples.length === 0) return null;
  return (
    <ul className="examples">
      {examples.map((e, i) => (
        <li key={i}>
          <span className="muted">
            {e.file}:{e.line}
          </span>
          <blockquote>{e.excerpt}</blockquote>
        </li>
      ))}
    </ul>
  );
}
