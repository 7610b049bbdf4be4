// A submission's report: documents and tokens in and out, each filter's removals in plain words
// (what the rule checks, when a document is kept, what to change) with a few examples,
// duplicates within the upload and against earlier data, and the personal data redacted.
import { useMutation } from "@tanstack/react-query";
import type { Address } from "viem";
import { programChainId } from "../config.ts";
import { downloadSource, signatureText } from "../keys/DownloadButton.tsx";
import { useReaderKey } from "../keys/useReaderKey.ts";
import { ErrorNote } from "../ui/ErrorNote.tsx";
import type { Report } from "../oracle/client.ts";
import { useReport } from "../oracle/jobs.ts";
import { openSealedReport } from "./sealed-report.ts";

const n = (x: number) => x.toLocaleString("en-US");

/** PII types as the report counts them, in words: one, many. */
const PII_NAMES: Record<string, [string, string]> = {
  email: ["e-mail address", "e-mail addresses"],
  phone: ["phone number", "phone numbers"],
  ip_address: ["IP address", "IP addresses"],
  card_number: ["payment card number", "payment card numbers"],
  iban: ["IBAN", "IBANs"],
};

/**
 * `accepted`: the job was accepted; only then does the upload hold a submission number.
 * `sealed`: its manifest, when it has one: the contributor may open the sealed report, which
 * quotes an example of every removal and duplicate, with their own reader key.
 */
export function ReportView({ jobId, accepted, sealed }: { jobId: string; accepted: boolean; sealed?: { manifestCid: string; program: Address } }) {
  const report = useReport(jobId, true);
  const quoted = useMutation({ mutationFn: (open: () => Promise<Report>) => open() });
  if (report.error) return <ErrorNote error={report.error} />;
  if (!report.data) return <p className="muted" aria-busy="true">Loading the report…</p>;
  return (
    <>
      {sealed && !quoted.data && <QuoteButton sealed={sealed} opening={quoted.isPending} onOpen={quoted.mutate} />}
      {quoted.error && <ErrorNote error={quoted.error} />}
      <ReportBody report={quoted.data ?? report.data} accepted={accepted} />
    </>
  );
}

/** Opens the sealed report with the connected wallet's reader key (a signature, no transaction). */
function QuoteButton({ sealed, opening, onOpen }: { sealed: { manifestCid: string; program: Address }; opening: boolean; onOpen: (open: () => Promise<Report>) => void }) {
  const readerKey = useReaderKey(sealed.program);
  const open = () =>
    onOpen(() =>
      openSealedReport({ manifestCid: sealed.manifestCid, program: { chainId: programChainId, splitter: sealed.program }, source: downloadSource(), readerKey: async () => (await readerKey.ensure()).pair }),
    );
  return (
    <p className="note" data-testid="report-quotes">
      The oracle keeps no word of your data, so the examples below give only file and line. The report sealed with your data quotes each one.{" "}
      <button type="button" onClick={open} disabled={opening}>
        {opening ? signatureText(readerKey.step) : "Show the quoted examples"}
      </button>
    </p>
  );
}

/**
 * The report itself, as read from the oracle. A submission number is given at acceptance: the
 * report of an upload that was not accepted carries the number it would have had, which the next
 * accepted upload takes, so it is not shown as the upload's.
 */
export function ReportBody({ report: r, accepted }: { report: Report; accepted: boolean }) {
  const removed = Object.entries(r.removed).sort(([, a], [, b]) => b.documents - a.documents);
  const d = r.duplicates;
  return (
    <article className="report" data-testid="report" aria-label={accepted ? `Report of submission ${r.submission.sequence}` : "Report of an upload that was not accepted"}>
      <h3>Report of this upload</h3>
      {/* The sequence numbers every accepted submission of every contributor: say so, or a first upload reads as "#3". */}
      <p className="muted" data-testid="report-sequence">
        {accepted
          ? `Submission #${r.submission.sequence} in the order the oracle accepted submissions from all contributors.`
          : "Not accepted, so this upload has no submission number: numbers go to accepted submissions only, in the order the oracle accepted them from all contributors."}
      </p>
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
              <RuleExplanation explanation={r.explanations?.[rule]} />
            </li>
          ))}
        </ul>
      )}
      <Pii counts={r.pii} />
      {d.examples.length > 0 && (
        <details>
          <summary>Duplicate examples ({d.examples.length})</summary>
          <ul className="examples">
            {d.examples.map((e, i) => (
              <li key={i}>
                <span className="muted">
                  {e.file}:{e.line} duplicates {originalOf(e, r.submission.sequence)}
                  {e.jaccard !== undefined ? ` (similarity ${e.jaccard.toFixed(2)})` : ""}
                </span>
                {e.explanation && <p className="small">{e.explanation}</p>}
                <Excerpt text={e.excerpt} />
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
                <Excerpt text={e.excerpt} />
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

/**
 * The document a duplicate repeats, as the contributor knows it: its file and line when it is in
 * this upload or one of their own earlier submissions (the oracle names those), else its place
 * in the log (another contributor's files are not theirs to see). Documents count from 1, as lines do.
 */
function originalOf(e: Report["duplicates"]["examples"][number], sequence: number): string {
  if (e.of.submission === sequence) return e.original ? `${e.original.file}:${e.original.line} earlier in this upload` : `document ${e.of.document + 1} earlier in this upload`;
  if (e.original) return `${e.original.file}:${e.original.line} of your submission #${e.of.submission}`;
  return `data accepted earlier: submission #${e.of.submission}, document ${e.of.document + 1}`;
}

function RuleExplanation({ explanation: e }: { explanation: NonNullable<Report["explanations"]>[string] | undefined }) {
  if (!e) return null;
  return (
    <p className="rule-explanation small" data-testid="rule-explanation">
      {e.checks} Kept when: {e.threshold}. <span className="advice">What to change: {e.advice}</span>
    </p>
  );
}

function Pii({ counts }: { counts: Report["pii"] }) {
  const found = Object.entries(counts).filter(([, k]) => k > 0);
  return (
    <section aria-label="Personal data redacted" data-testid="report-pii">
      <h4>Personal data redacted</h4>
      {found.length === 0 ? (
        <p className="muted">No personal data found.</p>
      ) : (
        <ul className="pii">
          {found.map(([type, k]) => (
            <li key={type} data-type={type}>
              {n(k)} {PII_NAMES[type]?.[k === 1 ? 0 : 1] ?? type}
            </li>
          ))}
        </ul>
      )}
      {found.length > 0 && <p className="muted small">Each was replaced by a placeholder such as &lt;EMAIL&gt;; the tokens paid for are counted after.</p>}
    </section>
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
          <Excerpt text={e.excerpt} />
        </li>
      ))}
    </ul>
  );
}

/** A quoted piece of a document; the oracle's copy of a report keeps none (only the sealed report quotes), so often nothing. */
function Excerpt({ text }: { text: string }) {
  return text ? <blockquote>{text}</blockquote> : null;
}
