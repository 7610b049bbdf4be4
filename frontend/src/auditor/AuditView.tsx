// The auditor's page: runs the audit library (oracle/audit) in the browser against the chain and
// the manifests, shows each check as pass / fail / not run with its figures and findings, the
// verdict, and offers the report as JSON (what `1tt audit --json` writes) and CSV.
import "./audit.css";
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import type { Address } from "viem";
import type { AuditProgress, AuditReport, CheckResult, Figure } from "../../../oracle/audit/index.ts";
import { shortHex } from "../chain/format.ts";
import { auditGateway, auditorViewKey, fromBlock as configFromBlock, ipfsGateway, programChain, readerRegistryAddress } from "../config.ts";
import { ORACLE_BASE } from "../oracle/client.ts";
import { useProgramBasics } from "../program/useAsset.ts";
import { ErrorNote } from "../ui/ErrorNote.tsx";
import { describeSource, type ManifestSource } from "./manifest-source.ts";
import { amountFigureText, FIGURE_LABELS, verdictHeadline } from "../../../oracle/audit/index.ts";
import { reportCsv, reportFileName, reportJson, STATUS_LABEL } from "./report-files.ts";
import { cliCommand, runAudit, type AuditRun } from "./run-audit.ts";
import CommitteeStatus from "./CommitteeStatus.tsx";

const STAGES: Record<AuditProgress["stage"], string> = {
  logs: "Reading the splitter's event logs (blocks)",
  views: "Reading the contract's views (contributors)",
  attestations: "Reading attestation blocks for the signatures",
  payouts: "Recomputing payouts deposit by deposit",
  manifests: "Fetching and verifying manifests",
  data: "Fetching every file the manifests name and checking it against its CID",
  replay: "Replaying submissions",
  done: "Done",
};

type State =
  | { phase: "idle" }
  | { phase: "running"; progress?: AuditProgress; calls: number; started: number }
  | { phase: "done"; run: AuditRun }
  | { phase: "error"; error: unknown; calls: number };

export default function AuditView({ program }: { program: Address }) {
  const rpcUrl = programChain?.rpcUrls.default.http[0] ?? "";
  const [sourceKind, setSourceKind] = useState<ManifestSource["kind"]>(ipfsGateway ? "gateway" : "oracle");
  const [gateway, setGateway] = useState(ipfsGateway);
  const [fromBlockText, setFromBlockText] = useState(configFromBlock > 0n ? String(configFromBlock) : "");
  const [pageSizeText, setPageSizeText] = useState("10000");
  const [state, setState] = useState<State>({ phase: "idle" });
  const [announcement, setAnnouncement] = useState("");
  const abort = useRef<AbortController | null>(null);
  const ids = { source: useId(), gateway: useId(), from: useId(), page: useId(), progress: useId() };
  useEffect(() => () => abort.current?.abort(), []);

  const fromBlock = /^\d+$/.test(fromBlockText.trim()) ? BigInt(fromBlockText.trim()) : undefined;
  const pageSize = /^[1-9]\d*$/.test(pageSizeText.trim()) ? BigInt(pageSizeText.trim()) : undefined;
  const gatewayOk = sourceKind === "oracle" || /^https?:\/\/\S+$/.test(gateway.trim());
  const problems = [
    !programChain && "The program's network is not configured (VITE_CHAIN_ID).",
    fromBlockText.trim() !== "" && fromBlock === undefined && "The first block must be a block number, or empty.",
    pageSize === undefined && "Blocks per log request must be a whole number above 0.",
    !gatewayOk && "The gateway must be an http(s) URL, e.g. https://ipfs.io.",
  ].filter((p): p is string => Boolean(p));
  const source: ManifestSource = sourceKind === "gateway" ? { kind: "gateway", url: gateway.trim() } : { kind: "oracle", url: new URL(ORACLE_BASE, window.location.href).toString() };

  async function start(e: FormEvent) {
    e.preventDefault();
    if (problems.length > 0 || !programChain || state.phase === "running") return;
    const controller = new AbortController();
    abort.current = controller;
    let lastStage = "";
    setState({ phase: "running", calls: 0, started: performance.now() });
    setAnnouncement("Audit started.");
    let calls = 0;
    try {
      const run = await runAudit({
        chain: programChain,
        rpcUrl,
        splitter: program,
        source,
        readerRegistry: readerRegistryAddress,
        fromBlock,
        pageSize,
        signal: controller.signal,
        onProgress: (progress, n) => {
          calls = n;
          if (controller.signal.aborted) return;
          setState((s) => (s.phase === "running" ? { ...s, progress, calls: n } : s));
          if (progress.stage !== lastStage && progress.stage !== "done") {
            lastStage = progress.stage;
            setAnnouncement(`${STAGES[progress.stage]}…`);
          }
        },
      });
      if (controller.signal.aborted) return;
      setState({ phase: "done", run });
      const failed = run.report.checks.filter((c) => c.status === "fail").length;
      setAnnouncement(
        run.report.verdict === "failed" ? `Audit finished: it FAILED${failed ? `, ${failed} check${failed === 1 ? "" : "s"} failed` : ""}.` : `Audit finished: ${verdictHeadline(run.report)}`,
      );
    } catch (error) {
      if (controller.signal.aborted) {
        setState({ phase: "idle" });
        setAnnouncement("Audit cancelled.");
        return;
      }
      setState({ phase: "error", error, calls });
      setAnnouncement("The audit could not run.");
    }
  }

  const running = state.phase === "running";
  return (
    <div className="view audit">
      <h2>Audit this program</h2>
      <CommitteeStatus />
      <p className="muted audit-intro">
        Checks every number of program <code className="wrap">{program}</code> from public data alone: the splitter's event logs and views on
        chain, and the manifests, each verified against its content ID. Nothing the oracle says is taken on trust. Runs in this browser.
      </p>

      <form className="audit-form" onSubmit={start} aria-describedby={problems.length ? `${ids.source}-problems` : undefined}>
        <fieldset disabled={running}>
          <legend>Manifests from</legend>
          <label className="choice">
            <input type="radio" name={ids.source} value="oracle" checked={sourceKind === "oracle"} onChange={() => setSourceKind("oracle")} />
            the oracle, at <code>{ORACLE_BASE}/ipfs/…</code>
          </label>
          <label className="choice">
            <input type="radio" name={ids.source} value="gateway" checked={sourceKind === "gateway"} onChange={() => setSourceKind("gateway")} />
            an IPFS gateway
          </label>
          {sourceKind === "gateway" && (
            <div className="field">
              <label htmlFor={ids.gateway}>Gateway URL</label>
              <input id={ids.gateway} type="url" inputMode="url" placeholder="https://ipfs.io" value={gateway} onChange={(e) => setGateway(e.target.value)} />
            </div>
          )}
          <p className="muted small">Either way every manifest is re-hashed against the CID named on chain before it is used.</p>
        </fieldset>
        <details className="audit-options">
          <summary>Options</summary>
          <fieldset disabled={running}>
            <div className="field">
              <label htmlFor={ids.from}>First block</label>
              <input id={ids.from} inputMode="numeric" placeholder="the deployment block (found by bisection)" value={fromBlockText} onChange={(e) => setFromBlockText(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={ids.page}>Blocks per log request</label>
              <input id={ids.page} inputMode="numeric" value={pageSizeText} onChange={(e) => setPageSizeText(e.target.value)} />
            </div>
          </fieldset>
        </details>
        {problems.length > 0 && (
          <ul className="field-error" id={`${ids.source}-problems`}>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={running || problems.length > 0}>
            {state.phase === "idle" ? "Run the audit" : running ? "Auditing…" : "Run the audit again"}
          </button>
          {running && (
            <button type="button" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          )}
        </div>
      </form>

      <div className="visually-hidden" aria-live="polite" role="status" data-testid="audit-announcement">
        {announcement}
      </div>
      <ProgressLine state={state} progressId={ids.progress} />

      {state.phase === "error" && <AuditErrorNote error={state.error} />}
      {state.phase === "done" && <ReportView run={state.run} program={program} rpcUrl={rpcUrl} fromBlock={fromBlock} source={source} />}
    </div>
  );
}

function ProgressLine({ state, progressId }: { state: State; progressId: string }) {
  if (state.phase === "idle") return <div className="audit-progress" aria-hidden="true" />;
  if (state.phase === "error") {
    return (
      <div className="audit-progress" data-testid="audit-progress">
        Stopped after {state.calls} RPC call{state.calls === 1 ? "" : "s"}.
      </div>
    );
  }
  if (state.phase === "done") {
    const { counter, seconds } = state.run;
    return (
      <div className="audit-progress" data-testid="audit-progress" data-stage="done">
        Done in {seconds.toFixed(1)} s · {counter.total()} RPC calls <span className="muted">({counter.describe()})</span>
      </div>
    );
  }
  const p = state.progress;
  const pct = p && p.total > 0 ? Math.min(100, Math.round((100 * p.done) / p.total)) : undefined;
  return (
    <div className="audit-progress" data-testid="audit-progress" data-stage={p?.stage ?? "starting"}>
      <label htmlFor={progressId}>
        {p ? STAGES[p.stage] : "Starting"}
        {p && p.total > 0 && (
          <>
            {" "}
            <span className="num">
              {p.done.toLocaleString("en-US")}/{p.total.toLocaleString("en-US")}
            </span>
          </>
        )}{" "}
        · <span className="num">{state.calls}</span> RPC calls
      </label>
      <progress id={progressId} max={100} value={pct} />
    </div>
  );
}

/** Errors that stopped the audit: the library's own (with a hint) or the RPC's (explained). */
function AuditErrorNote({ error }: { error: unknown }) {
  const e = error as { shortMessage?: string; hint?: string; details?: string; name?: string };
  if (e && typeof e.hint === "string" && typeof e.shortMessage === "string") {
    return (
      <div className="note note-error" role="alert">
        <strong>The audit could not run: {e.shortMessage}</strong> {e.hint}
        {e.details && (
          <details>
            <summary>Details</summary>
            <code>{e.details}</code>
          </details>
        )}
      </div>
    );
  }
  return <ErrorNote error={error} />;
}

function ReportView({ run, program, rpcUrl, fromBlock, source }: { run: AuditRun; program: Address; rpcUrl: string; fromBlock?: bigint; source: ManifestSource }) {
  const { report, counter } = run;
  const basics = useProgramBasics(program);
  const json = useMemo(() => reportJson(report, counter), [report, counter]);
  const csv = useMemo(() => reportCsv(report), [report]);
  const failed = report.checks.filter((c) => c.status === "fail");
  const notRun = report.checks.filter((c) => c.status === "skipped");
  return (
    <section className="audit-report" aria-labelledby="audit-verdict">
      <div className={`verdict verdict-${report.verdict}`} data-testid="audit-verdict" data-ok={String(report.ok)} data-verdict={report.verdict}>
        <h3 id="audit-verdict">{verdictHeadline(report)}</h3>
        {report.verdict === "unverified" && (
          <ul className="unverified" data-testid="audit-unverified">
            {report.unverified.map((u) => (
              <li key={u.id}>
                <strong>{u.id}</strong>: {u.reason}
              </li>
            ))}
          </ul>
        )}
        <p>
          {report.checks.length - failed.length - notRun.length} passed, {failed.length} failed, {notRun.length} not run · chain {report.chainId}, blocks{" "}
          {report.fromBlock}–{report.block} · manifests from {describeSource(source)}
        </p>
        {failed.length > 0 && (
          <p>
            Failed: {failed.map((c) => c.title).join("; ")}.
          </p>
        )}
        <div className="actions">
          <Download name={reportFileName(report, "json")} type="application/json" text={json} label="Download the JSON report" testId="download-json" />
          <Download name={reportFileName(report, "csv")} type="text/csv" text={csv} label="Download the CSV report" testId="download-csv" />
        </div>
      </div>
      <ol className="checks">
        {report.checks.map((c, i) => (
          <CheckCard key={c.id} check={c} n={i + 1} decimals={basics.decimals} symbol={basics.symbol} rpcUrl={rpcUrl} program={program} fromBlock={fromBlock} />
        ))}
      </ol>
    </section>
  );
}

function Download({ name, type, text, label, testId }: { name: string; type: string; text: string; label: string; testId: string }) {
  const href = useMemo(() => URL.createObjectURL(new Blob([text], { type })), [text, type]);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <a className="button-like" href={href} download={name} data-testid={testId}>
      {label}
    </a>
  );
}

function CheckCard(props: { check: CheckResult; n: number; decimals?: number; symbol?: string; rpcUrl: string; program: Address; fromBlock?: bigint }) {
  const { check, n } = props;
  const titleId = useId();
  const figures = Object.entries(check.figures);
  return (
    <li className={`check check-${check.status}`} data-testid={`check-${check.id}`} data-status={check.status} aria-labelledby={titleId}>
      <div className="check-head">
        <span className={`status status-${check.status}`}>{STATUS_LABEL[check.status]}</span>
        <h4 id={titleId}>
          {n}. {check.title} <span className="muted check-id">({check.id})</span>
        </h4>
      </div>
      {check.status === "skipped" && (
        <div className="check-skipped">
          <p>{check.id === "replay" ? "Not run in the browser: the replay needs the raw data, a view key and the pipeline, which run in Node." : check.reason}</p>
          {check.id === "replay" && (
            <>
              <p className="muted small">Run it from a terminal, with the view key the program gave you as an auditor:</p>
              <pre className="cli">
                <code>{cliCommand({ rpcUrl: props.rpcUrl, splitter: props.program, fromBlock: props.fromBlock, replay: true, readerRegistry: readerRegistryAddress, gateway: auditGateway, viewKey: auditorViewKey })}</code>
              </pre>
            </>
          )}
        </div>
      )}
      {figures.length > 0 && (
        <dl className="check-figures">
          {figures.map(([key, value]) => (
            <div key={key}>
              <dt>{FIGURE_LABELS[key] ?? key}</dt>
              <dd data-figure={key} data-value={value === null ? "" : String(value)}>
                {showFigure(key, value, props.decimals, props.symbol)}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {check.findingCount > 0 && (
        <div className="findings">
          <h5>
            {check.findingCount} problem{check.findingCount === 1 ? "" : "s"} found
            {check.findingCount > check.findings.length && ` (the first ${check.findings.length} below; all are counted in the report)`}
          </h5>
          <ul>
            {check.findings.map((f, i) => (
              <li key={i} data-code={f.code}>
                <span>{f.message}</span>{" "}
                <span className="muted small">
                  <code>{f.code}</code>
                  {f.subject && (
                    <>
                      {" "}
                      · <code className="wrap">{f.subject}</code>
                    </>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

function showFigure(key: string, value: Figure, decimals?: number, symbol?: string) {
  if (value === null) return <span className="muted">—</span>;
  if (typeof value === "boolean") return value ? "yes" : "no";
  const text = String(value);
  if (/^0x[0-9a-fA-F]{40}$/.test(text)) return <code title={text}>{shortHex(text)}</code>;
  if (/^(bafy|bafk)/.test(text) || text.length > 40) return <code className="wrap">{text}</code>;
  // Amounts as money, as the CLI prints them; the exact units on hover.
  const money = decimals === undefined ? undefined : amountFigureText(key, value, { decimals, symbol: symbol ?? "" });
  if (money) return <span title={`${text} units`}>{money}</span>;
  if (/^-?\d+$/.test(text) && text.length < 16) return Number(text).toLocaleString("en-US");
  if (/^-?\d+$/.test(text)) return <code className="wrap">{text}</code>;
  return text;
}
