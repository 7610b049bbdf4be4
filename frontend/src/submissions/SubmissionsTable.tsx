// A contributor's accepted submissions as the oracle lists them (tokens, manifest and report
// CIDs), each with its filtered data to download: shown on the catalogue and on the
// contributor's own page.
import type { Address } from "viem";
import { formatCount, shortId } from "../chain/format.ts";
import { DownloadButton } from "../keys/DownloadButton.tsx";
import { ORACLE_BASE } from "../oracle/client.ts";
import { useSubmissions } from "../oracle/jobs.ts";
import { ErrorNote } from "../ui/ErrorNote.tsx";

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
