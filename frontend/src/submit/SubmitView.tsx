// The contributor's oracle side: sign in with the wallet (SIWE), create and register the reader
// key (before the first upload), upload a dataset (drag and drop, several files), follow its
// preprocessing live, read the report, see past submissions and download their filtered data.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState, type DragEvent } from "react";
import type { Address } from "viem";
import { useAccount, useSignTypedData } from "wagmi";
import { formatBytes, formatCount, shortHex, shortId } from "../chain/format.ts";
import { AttestationStatus, Signers } from "../contributor/AttestationStatus.tsx";
import { useProgramLogs } from "../program/live.ts";
import { ErrorNote } from "../ui/ErrorNote.tsx";
import { TxHash } from "../ui/TxHash.tsx";
import { DownloadButton } from "../keys/DownloadButton.tsx";
import { ContributorKeyPanel } from "../keys/ReaderKeyPanel.tsx";
import { JOB_STAGES, OracleError, type Job } from "../oracle/client.ts";
import { stageChips, uploadFiles, useJobEvents, useMyJobs } from "../oracle/jobs.ts";
import { READER_KEY_QUERY, useRegisteredReaderKey } from "../oracle/reader-key.ts";
import { ReportView } from "./ReportView.tsx";
import { useOracleSession, useSignIn, useSignOut } from "../oracle/session.ts";
import { WalletButton } from "../wallet/WalletButton.tsx";

export default function SubmitView({ program }: { program: Address }) {
  const { address } = useAccount();
  const session = useOracleSession();
  const signIn = useSignIn();
  const signOut = useSignOut();
  const signedIn = Boolean(session.data && address && session.data.address.toLowerCase() === address.toLowerCase());

  return (
    <div className="view">
      <h2>Contribute data</h2>
      {!address ? (
        <div className="note">
          <p>Connect the wallet you want to be paid with; the oracle credits your tokens to it.</p>
          <WalletButton />
        </div>
      ) : session.error ? (
        <ErrorNote error={session.error}>
          <button type="button" onClick={() => session.refetch()}>
            Try again
          </button>
        </ErrorNote>
      ) : !signedIn ? (
        <div className="note" data-testid="signed-out">
          <p>
            Sign in to the oracle with this wallet: one signature (Sign-In with Ethereum), no transaction, no fee.
            {session.data && <> You are signed in as {shortHex(session.data.address)}, not as the connected wallet.</>}
          </p>
          <button type="button" className="primary" onClick={() => signIn.mutate()} disabled={signIn.isPending || session.isPending}>
            {signIn.isPending ? "Check your wallet…" : "Sign in to the oracle"}
          </button>
          {signIn.error && <ErrorNote error={signIn.error} />}
        </div>
      ) : (
        <>
          <p className="signed-in" data-testid="signed-in">
            Signed in to the oracle as <code>{shortHex(session.data!.address)}</code>{" "}
            <button type="button" onClick={() => signOut.mutate()}>
              Sign out
            </button>
          </p>
          <ContributorKeyPanel program={program} />
          <Uploader program={program} />
        </>
      )}
      {address && <History program={program} account={address} signedIn={signedIn} />}
    </div>
  );
}

function Uploader({ program }: { program: Address }) {
  const inputId = useId();
  const readerKey = useRegisteredReaderKey(true);
  const keyRegistered = Boolean(readerKey.data);
  const keyMissing = readerKey.data === null;
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [leftOut, setLeftOut] = useState<string[]>([]);
  const queryClient = useQueryClient();
  const { address } = useAccount();
  const { signTypedDataAsync } = useSignTypedData();
  const upload = useMutation({
    mutationFn: (chosen: File[]) => uploadFiles({ files: chosen, program, signer: { address: address!, signTypedData: (data) => signTypedDataAsync(data) } }),
    onSuccess: () => {
      setFiles([]);
      void queryClient.invalidateQueries({ queryKey: ["oracle", "jobs"] });
    },
    // The oracle has no reader key for this address (e.g. registered elsewhere and lost): ask again.
    onError: (error) => {
      if (error instanceof OracleError && error.code === "reader_key_required") void queryClient.invalidateQueries({ queryKey: READER_KEY_QUERY });
    },
  });
  const jobId = upload.data?.job.id;
  const live = useJobEvents(jobId);
  const finished = live.done?.id;
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: ["oracle", "jobs"] });
  }, [finished, queryClient]);

  const add = (list: FileList | null) => {
    if (!list) return;
    // An empty file holds nothing to count, and the oracle refuses a batch that has one: leave it out and say so.
    const [empty, kept] = [[...list].filter((f) => f.size === 0), [...list].filter((f) => f.size > 0)];
    setLeftOut(empty.map((f) => f.name));
    if (upload.isError) upload.reset(); // the error was about the files chosen before
    setFiles((prev) => [...prev.filter((p) => !kept.some((f) => f.name === p.name)), ...kept]);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    add(e.dataTransfer.files);
  };
  const total = files.reduce((s, f) => s + f.size, 0);

  return (
    <section className="uploader" aria-labelledby={`${inputId}-title`}>
      <h3 id={`${inputId}-title`}>Upload a dataset</h3>
      <div
        className={`dropzone${dragging ? " dragging" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <p>Drop files here (JSONL, text, CSV, Parquet, optionally gzip-compressed), or</p>
        <input id={inputId} ref={input} type="file" multiple className="visually-hidden" onChange={(e) => add(e.target.files)} />
        <label htmlFor={inputId} className="button-like">
          Choose files
        </label>
      </div>
      {files.length > 0 && (
        <ul className="files" aria-label="Files to upload">
          {files.map((f) => (
            <li key={f.name}>
              <span>{f.name}</span> <span className="muted">{formatBytes(f.size)}</span>
              <button type="button" aria-label={`Remove ${f.name}`} onClick={() => setFiles(files.filter((x) => x !== f))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="muted" data-testid="contribution-note">
        Uploading asks your wallet for one more signature, no transaction and no fee: it states that these exact files (their fingerprints) are yours, so no one else can be credited with them.
      </p>
      <button type="button" className="primary" disabled={files.length === 0 || upload.isPending || !keyRegistered} onClick={() => upload.mutate(files)}>
        {upload.isPending
          ? `Sign in your wallet, then uploading ${formatBytes(total)}…`
          : keyMissing
            ? "Create your reader key first"
            : `Upload ${files.length || ""} file${files.length === 1 ? "" : "s"}`}
      </button>
      {leftOut.length > 0 && (
        <p className="note note-warn" role="alert" data-testid="left-out">
          {leftOut.join(", ")} {leftOut.length === 1 ? "is" : "are"} empty (0 bytes) and {leftOut.length === 1 ? "was" : "were"} left out: there is nothing in {leftOut.length === 1 ? "it" : "them"} to count.
        </p>
      )}
      {upload.error && <ErrorNote error={upload.error} />}
      {upload.data?.existing && <p className="muted">These files were uploaded before: here is that submission.</p>}
      {jobId && <JobProgressView program={program} jobId={jobId} live={live} />}
    </section>
  );
}

function JobProgressView({ program, jobId, live }: { program: Address; jobId: string; live: ReturnType<typeof useJobEvents> }) {
  const p = live.progress;
  const job = live.done;
  const failed = job?.state === "failed";
  return (
    <section className="job" aria-live="polite" data-testid="job" data-state={job?.state ?? live.state ?? "queued"}>
      <ol className="stages" aria-label="Stages">
        {stageChips(JOB_STAGES, live).map((c) => (
          <li key={c.stage} className={c.status} aria-current={c.status === "current" || (c.status === "failed" && c.stage === "failed") ? "step" : undefined}>
            {c.stage}
          </li>
        ))}
      </ol>
      {p && (
        <>
          {!failed && <progress max={p.bytesTotal || 1} value={p.bytesRead} aria-label="Bytes read" />}
          <dl className="counters">
            <div><dt>Read</dt><dd>{formatBytes(p.bytesRead)} of {formatBytes(p.bytesTotal)}</dd></div>
            <div><dt>Documents</dt><dd data-testid="docs-read">{formatCount(p.documents)}</dd></div>
            <div><dt>Kept</dt><dd>{formatCount(p.kept)}</dd></div>
            <div><dt>Removed</dt><dd>{formatCount(p.removed)}</dd></div>
            <div><dt>Duplicates</dt><dd>{formatCount(p.duplicates)}</dd></div>
            <div><dt>Tokens kept</dt><dd>{formatCount(p.tokensOut)} of {formatCount(p.tokensIn)}</dd></div>
          </dl>
        </>
      )}
      {live.interrupted && !job && <p className="muted">The progress stream was interrupted; reconnecting…</p>}
      {job?.state === "failed" && job.error && (
        <div className="note note-error" role="alert">
          <strong>The oracle could not accept this upload: {job.error.message}</strong> {job.error.hint}
          {job.result?.attestation && <Signers attestation={job.result.attestation} />}
        </div>
      )}
      {job?.state === "accepted" && job.result && (
        <p className="tx-confirmed" data-testid="accepted">
          Accepted: {formatCount(job.result.tokens.out)} tokens counted (you now have {formatCount(job.result.cumulativeTokens)}).
        </p>
      )}
      {job?.state === "accepted" && job.result?.attestation && <AttestationStatus program={program} attestation={job.result.attestation} />}
      {job && (job.state === "accepted" || job.error?.code === "nothing_accepted") && <ReportView jobId={jobId} accepted={job.state === "accepted"} sealed={sealedReport(job, program)} />}
    </section>
  );
}

function History({ program, account, signedIn }: { program: Address; account: Address; signedIn: boolean }) {
  const jobs = useMyJobs(signedIn);
  const logs = useProgramLogs(program);
  const [open, setOpen] = useState<string>();
  const attestations = useMemo(
    () => (logs.data ?? []).filter((l) => l.eventName === "Attested" && l.args.contributor.toLowerCase() === account.toLowerCase()).reverse(),
    [logs.data, account],
  );
  return (
    <section className="history" aria-labelledby="subs-title">
      <h3 id="subs-title">Your submissions</h3>
      {!signedIn ? (
        <p className="muted">Sign in to the oracle to list your uploads and open their reports.</p>
      ) : jobs.error ? (
        <ErrorNote error={jobs.error} />
      ) : !jobs.data || jobs.data.length === 0 ? (
        <p className="muted">{jobs.isPending ? "Loading…" : "No upload yet."}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="jobs">
            <thead>
              <tr>
                <th scope="col">Uploaded</th>
                <th scope="col">Files</th>
                <th scope="col">State</th>
                <th scope="col">Tokens kept</th>
                <th scope="col">Manifest</th>
                <th scope="col">On chain</th>
                <th scope="col">Report</th>
                <th scope="col">Filtered data</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.map((j: Job) => (
                <tr key={j.id}>
                  <td className="wrap-cell">
                    <time dateTime={new Date(j.createdAt).toISOString()}>{new Date(j.createdAt).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" })}</time>
                  </td>
                  <td className="wrap-cell">{j.files.map((f) => f.name).join(", ")}</td>
                  <td>{j.state}{j.error ? ` (${j.error.code})` : ""}</td>
                  <td>{j.result ? formatCount(j.result.tokens.out) : "—"}</td>
                  <td>{j.result?.manifestCid ? <code title={j.result.manifestCid}>{shortId(j.result.manifestCid)}</code> : <span className="muted">not yet</span>}</td>
                  <td className="wrap-cell">{j.result?.attestation && j.state === "accepted" ? <AttestationStatus program={program} attestation={j.result.attestation} compact /> : <span className="muted">—</span>}</td>
                  <td>
                    {(j.result || j.error?.code === "nothing_accepted") && (
                      <button type="button" onClick={() => setOpen(open === j.id ? undefined : j.id)} aria-expanded={open === j.id}>
                        {open === j.id ? "Hide" : "Open"}
                      </button>
                    )}
                  </td>
                  <td className="download-cell">{j.result?.manifestCid && <DownloadButton manifestCid={j.result.manifestCid} program={program} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && <OpenReport job={jobs.data?.find((j) => j.id === open)} id={open} program={program} />}
      <h3 className="spaced">Attested on chain</h3>
      {attestations.length === 0 ? (
        <p className="muted">No attestation for this wallet yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Nonce</th>
                <th scope="col">Tokens (cumulative)</th>
                <th scope="col">Manifest CID (binary)</th>
                <th scope="col">Transaction</th>
              </tr>
            </thead>
            <tbody>
              {attestations.map((a) =>
                a.eventName === "Attested" ? (
                  <tr key={a.transactionHash}>
                    <td>{a.args.nonce.toString()}</td>
                    <td>{formatCount(a.args.tokens)}</td>
                    <td><code title={a.args.manifestCid}>{shortId(a.args.manifestCid)}</code></td>
                    <td><TxHash hash={a.transactionHash} /></td>
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Where the job's sealed report is, for its contributor to open: accepted jobs with a manifest. */
const sealedReport = (job: Job, program: Address) => (job.state === "accepted" && job.result?.manifestCid ? { manifestCid: job.result.manifestCid, program } : undefined);

function OpenReport({ job, id, program }: { job: Job | undefined; id: string; program: Address }) {
  return <ReportView jobId={id} accepted={job?.state === "accepted"} sealed={job && sealedReport(job, program)} />;
}
