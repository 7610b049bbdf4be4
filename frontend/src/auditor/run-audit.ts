// One audit run from the browser: the audit library (oracle/audit) against the program's chain
// through a counting RPC transport, with manifests fetched over HTTP and verified against their
// CIDs (manifest-source.ts). With the chain's ReaderKeyRegistry it also runs the readers check
// (every key envelope lists the published keys; public data only). The replay check needs the raw
// data, a view key and Node's pipeline workers, so it is not run here (the report says so; the
// page shows the CLI command).
import { createPublicClient, type Address, type Chain } from "viem";
import { auditSplitter, countingTransport, type AuditProgress, type AuditReport, type RpcCounter } from "../../../oracle/audit/index.ts";
import { LOG_BLOCK_RANGE } from "../../../oracle/protocol/read-logs.ts";
import { rpcTransport } from "../../../oracle/protocol/rpc-transport.ts";
import { auditCommand } from "../../../oracle/audit/command.ts";
import { httpManifestStore, type ManifestSource } from "./manifest-source.ts";

export interface RunAuditOptions {
  chain: Chain;
  rpcUrl: string;
  splitter: Address;
  source: ManifestSource;
  /** The ReaderKeyRegistry; without it the readers check is not run. */
  readerRegistry?: Address;
  /** Default: the deployment block, found by bisection (as the CLI does without --from-block). */
  fromBlock?: bigint;
  /** Blocks per eth_getLogs request; default 2,000, as the CLI's. */
  pageSize?: bigint;
  onProgress?: (progress: AuditProgress, calls: number) => void;
  signal?: AbortSignal;
  fetcher?: typeof fetch;
}

export interface AuditRun {
  report: AuditReport;
  counter: RpcCounter;
  seconds: number;
}

export async function runAudit(o: RunAuditOptions): Promise<AuditRun> {
  const { transport, counter } = countingTransport(rpcTransport(o.rpcUrl, { timeout: 60_000 }));
  const client = createPublicClient({ chain: o.chain, transport });
  const started = performance.now();
  const report = await auditSplitter(client, {
    splitter: o.splitter,
    fromBlock: o.fromBlock,
    pageSize: o.pageSize ?? LOG_BLOCK_RANGE,
    store: httpManifestStore(o.source, o.fetcher),
    replay: null,
    readerRegistry: o.readerRegistry ? { address: o.readerRegistry } : null,
    signal: o.signal,
    onProgress: (p) => o.onProgress?.(p, counter.total()),
  });
  return { report, counter, seconds: (performance.now() - started) / 1000 };
}

/** The terminal command that runs the same audit, with the replay when `replay` is set (and the auditor's keystore when the build names one). */
export function cliCommand(o: { rpcUrl: string; splitter: string; fromBlock?: bigint; replay?: boolean; readerRegistry?: string; gateway?: string; viewKey?: { keystore?: string; passphraseFile?: string } }): string {
  return auditCommand({ ...o, viewKey: o.replay ? (o.viewKey ?? {}) : null, json: "audit.json" });
}
