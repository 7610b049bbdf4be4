// The whole audit of one splitter: read its history from the logs, read its views at the last
// block read, and run the eight checks (the replay needs a view key, the reader check the chain's
// ReaderKeyRegistry). Runs in Node and in browsers; trusts the chain (through
// `client`), the content store (every byte is checked against its CID) and, for the replay, the
// pipeline the caller supplies. Nothing of the oracle service is used.
import type { Address, Client } from "viem";
import { getBlock } from "viem/actions";
import type { ContentStore } from "../store/content-store.ts";
import { findAttestCalls } from "./attest-calls.ts";
import { readKeyGrants, type GrantedEnvelopes } from "../manifest/key-grant.ts";
import { checkAttestations } from "./check-attestations.ts";
import { checkData } from "./check-data.ts";
import { checkManifests } from "./check-manifests.ts";
import { contractWalletVerifier } from "./verify-contribution.ts";
import { checkPayouts } from "./check-payouts.ts";
import { checkReaders } from "./check-readers.ts";
import { checkReplay, type ReplayPipeline } from "./check-replay.ts";
import { checkSolvency } from "./check-solvency.ts";
import { checkState } from "./check-state.ts";
import { AuditOptionsError } from "./errors.ts";
import { collectHistory, type CollectHistoryParameters, type History } from "./history.ts";
import { readViews } from "./read-views.ts";
import { rebuildState } from "./rebuild.ts";
import { skipped, verdictOf, type AuditReport, type CheckResult } from "./report.ts";

export type AuditStage = "logs" | "views" | "attestations" | "payouts" | "manifests" | "data" | "replay" | "done";

export interface AuditProgress {
  stage: AuditStage;
  done: number;
  total: number;
}

export interface AuditSplitterParameters {
  splitter: Address;
  /** First block to read logs from. Default: the splitter's deployment block (found by bisection). */
  fromBlock?: bigint;
  /** Last block. Default: the latest block when the audit starts. */
  toBlock?: bigint;
  /** Blocks per eth_getLogs page. Default 2,000 (LOG_BLOCK_RANGE). */
  pageSize?: bigint;
  /** Resume the log scan from a saved history (parseCheckpoint). */
  checkpoint?: History;
  /** Called after each log page with the history so far (save serializeCheckpoint(history) to resume). */
  onPage?: CollectHistoryParameters["onPage"];
  /** Where the manifests are (IPFS through Kubo, the embedded store, or any ContentStore). Without one, the manifest check is skipped and the audit is not ok. */
  store?: ContentStore | null;
  /** Run the replay check: the pipeline to run and the auditor's view key (null for clear-text data). */
  replay?: { pipeline: ReplayPipeline; viewKey: Uint8Array | null } | null;
  /** The auditor's view key for the data check (default: the replay's): the filtered data is decrypted and checked against its commitment. */
  viewKey?: Uint8Array | null;
  /** CIDs of key grants ("1tt/key-grant@1") that re-wrapped past submissions' data keys for the view key. */
  keyGrants?: readonly string[];
  /**
   * Run the reader check against the chain's ReaderKeyRegistry: its address and, optionally, the
   * first block of its logs (default: its deployment block, found by bisection). Without it the
   * check is skipped and does not count against `ok`.
   */
  readerRegistry?: { address: Address; fromBlock?: bigint } | null;
  /** Contributors per multicall (four views each). Default 500 with Multicall3, 30 deployless. */
  contributorsPerCall?: number;
  /** Block and trace requests in flight at once. Default 4. */
  concurrency?: number;
  onProgress?: (progress: AuditProgress) => void;
  signal?: AbortSignal;
}

/**
 * Runs every check; `ok` is true only when none failed, the public checks (1–6) all ran, and the
 * replay and the reader check ran when they were asked for. `verdict` is stricter: `verified` only
 * when every check ran, the replay included (a count that was not replayed is not verified).
 */
export async function auditSplitter(client: Client, p: AuditSplitterParameters): Promise<AuditReport> {
  const timings: Record<string, number> = {};
  const timed = async <T>(stage: string, fn: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      timings[stage] = Math.round(performance.now() - start);
    }
  };
  const progress = (stage: AuditStage, done: number, total: number) => p.onProgress?.({ stage, done, total });

  const history = await timed("logs", () =>
    collectHistory(client, {
      splitter: p.splitter,
      fromBlock: p.fromBlock,
      toBlock: p.toBlock,
      pageSize: p.pageSize,
      checkpoint: p.checkpoint,
      signal: p.signal,
      onPage: async (h, page) => {
        progress("logs", Number(page.toBlock - h.fromBlock + 1n), Number(page.endBlock - h.fromBlock + 1n));
        await p.onPage?.(h, page);
      },
    }),
  );

  const contributors = contributorsOf(history);
  progress("views", 0, contributors.length);
  const views = await timed("views", () =>
    readViews(client, { splitter: p.splitter, contributors, blockNumber: history.toBlock, contributorsPerCall: p.contributorsPerCall }),
  );
  progress("views", contributors.length, contributors.length);

  const rebuilt = await timed("rebuild", async () => rebuildState(history, views.alphaBps, await activationTimes(client, history)));
  const state = checkState(history, rebuilt, views);

  const attestations = await timed("attestations", async () => {
    const lookup = await findAttestCalls(client, {
      splitter: p.splitter,
      events: history.events.filter((e) => e.kind === "attested"),
      concurrency: p.concurrency,
      onProgress: (done, total) => progress("attestations", done, total),
    });
    return checkAttestations({ history, lookup });
  });

  progress("payouts", 0, 1);
  const payouts = await timed("payouts", () => checkPayouts(rebuilt, views));
  const solvency = checkSolvency(rebuilt, views);

  const noStore = "No content store was given (--gateway, --ipfs or --store).";
  let manifests: CheckResult = skipped("manifests", noStore);
  let data: CheckResult = skipped("data", `${noStore} The data cannot be fetched.`);
  let replay: CheckResult = skipped("replay", "Counts not verified: no view key was given (--view-key), so the submissions were not replayed.");
  let readers: CheckResult = skipped("readers", "Not run: no reader key registry was given (--reader-registry <the chain's ReaderKeyRegistry>).");
  if (p.store) {
    const store = p.store;
    const outcome = await timed("manifests", () =>
      checkManifests({ history, rebuilt, store, signal: p.signal, verifyContribution: contractWalletVerifier(client), onProgress: (d, t) => progress("manifests", d, t) }),
    );
    manifests = outcome.result;
    const grants = await readGrants(store, p.keyGrants ?? [], p.signal);
    const named = new Map([...(outcome.chain ?? []), ...outcome.attested].map((m) => [m.cid, m]));
    data = await timed("data", () =>
      checkData({
        manifests: [...named.values()],
        store,
        viewKey: p.viewKey !== undefined ? p.viewKey : (p.replay?.viewKey ?? null),
        grants,
        concurrency: p.concurrency,
        signal: p.signal,
        onProgress: (d, t) => progress("data", d, t),
      }),
    );
    if (p.readerRegistry) {
      const registry = p.readerRegistry;
      // Key envelopes are read from the store like manifests: progress goes under that stage.
      readers = await timed("readers", () =>
        checkReaders(client, {
          history,
          registry: registry.address,
          fromBlock: registry.fromBlock,
          pageSize: p.pageSize,
          manifests: outcome.attested,
          store,
          signal: p.signal,
          onProgress: (d, t) => progress("manifests", d, t),
        }),
      );
    }
    if (p.replay) {
      if (!outcome.chain) replay = skipped("replay", `Counts not verified: ${outcome.partial ?? "there is no manifest to replay."}`);
      else if (!p.replay.viewKey && outcome.chain.some((l) => l.manifest.data.encryption)) {
        replay = skipped("replay", "Counts not verified: the data is encrypted and no view key was given (--view-key), so the submissions were not replayed.");
      } else {
        const chain = outcome.chain;
        replay = await timed("replay", () =>
          checkReplay({
            chain,
            store,
            pipeline: p.replay!.pipeline,
            viewKey: p.replay!.viewKey,
            grants,
            signal: p.signal,
            onProgress: (d, t) => progress("replay", d, t),
          }),
        );
        if (outcome.partial) replay.figures.notReplayed = outcome.partial;
      }
    }
  } else {
    if (p.replay) replay = skipped("replay", `Counts not verified: ${noStore} The data cannot be read.`);
    if (p.readerRegistry) readers = skipped("readers", `${noStore} The key envelopes cannot be read.`);
  }

  const checks = [state, attestations, payouts, solvency, manifests, data, replay, readers];
  const publicChecksPass = [state, attestations, payouts, solvency, manifests, data].every((c) => c.status === "pass");
  const replayOk = p.replay ? replay.status === "pass" : replay.status !== "fail";
  const readersOk = p.readerRegistry ? readers.status === "pass" : readers.status !== "fail";
  progress("done", 1, 1);
  return {
    schema: "1tt/audit@1",
    chainId: history.chainId,
    splitter: history.splitter,
    fromBlock: String(history.fromBlock),
    block: String(history.toBlock),
    ok: publicChecksPass && replayOk && readersOk,
    ...verdictOf(checks),
    checks,
    timings,
  };
}

/** Every address that was attested or claimed for, in order of first appearance. */
function contributorsOf(history: History): Address[] {
  const seen = new Map<string, Address>();
  for (const e of history.events) {
    if ((e.kind === "attested" || e.kind === "claimed") && !seen.has(e.contributor.toLowerCase())) seen.set(e.contributor.toLowerCase(), e.contributor);
  }
  return [...seen.values()];
}

/** Timestamps of the blocks where a committee was activated (every committee after the first). */
async function activationTimes(client: Client, history: History): Promise<Map<bigint, bigint>> {
  const blocks = [...new Set(history.events.filter((e) => e.kind === "committee" && e.epoch > 1n).map((e) => e.blockNumber))];
  const times = await Promise.all(blocks.map(async (blockNumber) => (await getBlock(client, { blockNumber })).timestamp));
  return new Map(blocks.map((b, i) => [b, times[i]]));
}

/** The envelopes the key grants add; a grant that cannot be read stops the audit (it is the auditor's own input). */
async function readGrants(store: ContentStore, cids: readonly string[], signal?: AbortSignal): Promise<GrantedEnvelopes> {
  try {
    return await readKeyGrants(store, cids, { signal });
  } catch (err) {
    const e = err as { shortMessage?: string; message?: string };
    throw new AuditOptionsError(`A key grant (${cids.join(", ")}) cannot be read: ${e.shortMessage ?? e.message}`, "Check the CID given with --key-grant: it is printed by the committee member that granted the history.");
  }
}
