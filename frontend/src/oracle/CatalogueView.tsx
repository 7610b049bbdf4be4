// The consumer's catalogue of accepted data: every contributor on chain, their accepted
// submissions as the oracle lists them (tokens, manifest and report CIDs), and the filtered data
// of each, downloaded and decrypted in the page with the reader's key.
import { useMemo } from "react";
import type { Address } from "viem";
import { formatCount, shortHex, shortId } from "../chain/format.ts";
import { inChainOrder } from "../program/history.ts";
import { useProgramLogs } from "../program/live.ts";
import { ErrorNote } from "../ui/ErrorNote.tsx";
import { DownloadButton } from "../keys/DownloadButton.tsx";
import { ReaderKeyPanel } from "../keys/ReaderKeyPanel.tsx";
import { ORACLE_BASE } from "./client.ts";
import { useOracleStats, useSubmissions } from "./jobs.ts";

export default function CatalogueView({ program }: { program: Address }) {
  const logs = useProgramLogs(program);
  const stats = useOracleStats();
  const contributors = useMemo(() => {
    const seen = new Map<string, Address>();
    for (const l of inChainOrder(logs.data ?? [])) if (l.eventName === "Attested") seen.set(l.args.contributor.toLowerCase(), l.args.contributor);
    return [...seen.values()];
  }, [logs.data]);

  return (
    <div className="view">
      <h2>Catalogue of accepted data</h2>
      {stats.error ? (
        <ErrorNote error={stats.error}>
          <button type="button" onClick={() => stats.refetch()}>
            Try again
          </button>
        </ErrorNote>
      ) : (
        <dl className="overview stats" data-testid="oracle-stats">
          <div><dt>Accepted submissions</dt><dd>{stats.data ? formatCount(stats.data.submissions) : "…"}</dd></div>
          <div><dt>Contributors</dt><dd>{stats.data ? formatCount(stats.data.contributors) : "…"}</dd></div>
          <div><dt>Tokens accepted</dt><dd>{stats.data ? formatCount(stats.data.tokens) : "…"}</dd></div>
          <div><dt>Documents</dt><dd>{stats.data ? formatCount(stats.data.documents) : "…"}</dd></div>
          <div className="wide"><dt>Pipeline</dt><dd><code className="wrap">{stats.data?.pipelineId ?? "…"}</code></dd></div>
        </dl>
      )}
      <p className="muted">
        Contributors come from the program's attestations on chain; their submissions from the oracle. The data is stored
        encrypted: downloads are decrypted here with your reader key, which works only for the submissions' readers.
      </p>
      <ReaderKeyPanel program={program} />
      {logs.error && <ErrorNote error={logs.error} />}
      {contributors.length === 0 ? (
        <p className="muted">No contributor attested yet.</p>
      ) : (
        contributors.map((c) => <ContributorSubmissions key={c} contributor={c} program={program} />)
      )}
    </div>
  );
}

function ContributorSubmissions({ contributor, program }: { contributor: Address; program: Address }) {
  const subs = useSubmissions(contributor);
  return (
    <section className="history" aria-label={`Submissions of ${contributor}`}>
      <h3>
        <code title={contributor}>{shortHex(contributor)}</code>{" "}
        {subs.data && <span className="muted">· {formatCount(subs.data.cumulativeTokens)} tokens at this oracle</span>}
      </h3>
      <SubmissionsTable contributor={contributor} program={program} empty="No submission at this oracle (attested through another oracle node, or before it)." />
    </section>
  );
}

/** A contributor's accepted submissions at the oracle (a public list), each with its filtered data to download. */
export function SubmissionsTable({ contributor, program, empty }: { contributor: Address; program: Address; empty: string }) {
  const subs = useSubmissions(contributor);
  return subs.error ? (
    <ErrorNote error={subs.error}>
      <button type="button" onClick={() => subs.refetch()}>
        Try again
      </button>
    </ErrorNote>
  ) : !subs.data ? (
    <p className="muted">Loading…</p>
  ) : subs.data.submissions.length === 0 ? (
    <p className="muted">{empty}</p>
  ) : (
    <div className="table-scroll" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Accepted</th>
            <th scope="col">Documents</th>
            <th scope="col">Tokens</th>
            <th scope="col">Manifest</th>
            <th scope="col">Report (encrypted)</th>
            <th scope="col">Filtered data</th>
          </tr>
        </thead>
        <tbody>
          {subs.data.submissions.map((s) => (
            <tr key={s.jobId}>
              <td>{s.sequence}</td>
              <td>{new Date(s.acceptedAt).toLocaleDateString()}</td>
              <td>{formatCount(s.documents)}</td>
              <td>{formatCount(s.tokens)}</td>
              <td>
                {s.manifestCid ? (
                  // The manifest is JSON: it opens beside the app, never in its place.
                  <a href={`${ORACLE_BASE}/manifests/${s.manifestCid}`} title={s.manifestCid} target="_blank" rel="noreferrer">
                    {shortId(s.manifestCid)}
                    <span className="visually-hidden"> manifest (JSON, opens in a new tab)</span>
                  </a>
                ) : (
                  <span className="muted">not yet</span>
                )}
              </td>
              <td>
                <code title={`${s.reportCid}: ciphertext; its contributor reads the report on the Contribute page`}>{shortId(s.reportCid)}</code>
              </td>
              <td className="download-cell">{s.manifestCid ? <DownloadButton manifestCid={s.manifestCid} program={program} /> : <span className="muted">not yet</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
