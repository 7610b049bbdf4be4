// The consumer's catalogue of accepted data: every contributor on chain, their accepted
// submissions as the oracle lists them (tokens, manifest and report CIDs), and the filtered data
// of each, downloaded and decrypted in the page with the reader's key.
import { useMemo } from "react";
import type { Address } from "viem";
import { formatCount, shortHex } from "../chain/format.ts";
import { inChainOrder } from "../program/history.ts";
import { useProgramLogs } from "../program/live.ts";
import { ErrorNote } from "../ui/ErrorNote.tsx";
import { ReaderKeyPanel } from "../keys/ReaderKeyPanel.tsx";
import { useOracleStats, useSubmissions } from "../oracle/jobs.ts";
import { SubmissionsTable } from "../submissions/SubmissionsTable.tsx";

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
