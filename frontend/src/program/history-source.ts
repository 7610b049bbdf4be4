// Where the page's history comes from. The indexer answers in a request or a few whatever the length of
// the history; when it is not configured, does not answer, or lags the chain, the history is read
// from the chain's logs in bounded pages instead (read-logs.ts), and the page says why.
import type { Client } from "viem";
import { getBlockNumber } from "viem/actions";
import { fetchIndexedBlock, IndexerUnavailableError } from "../../../oracle/protocol/indexer-api.ts";
import { indexerUrl } from "../config.ts";

export type HistorySource =
  | { kind: "indexer"; url: string; through: bigint }
  /** `reason` is null when no indexer is configured. */
  | { kind: "logs"; reason: string | null };

/** An indexer answer is abandoned after this long: the logs are read instead. */
const INDEXER_TIMEOUT_MS = 5_000;
/** How long the page waits for the indexer to reach the block the chain is at before reading logs. */
const INDEXER_CATCH_UP_MS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `read` from the indexer once it answers and has read the chain up to the block the page is
 * refreshing for (it polls the chain on its own, so it may be a block or two behind for a moment);
 * otherwise `fallback` (the logs), with the reason.
 */
export async function fromIndexerOrLogs<T>(
  client: Client,
  read: (url: string, signal: AbortSignal, through: bigint) => Promise<T>,
  fallback: () => Promise<T>,
): Promise<{ data: T; source: HistorySource }> {
  if (!indexerUrl) return { data: await fallback(), source: { kind: "logs", reason: null } };
  let reason: string;
  try {
    const head = await getBlockNumber(client, { cacheTime: 0 });
    const deadline = Date.now() + INDEXER_CATCH_UP_MS;
    for (;;) {
      const through = await fetchIndexedBlock(indexerUrl, AbortSignal.timeout(INDEXER_TIMEOUT_MS));
      if (through !== null && through >= head) return { data: await read(indexerUrl, AbortSignal.timeout(INDEXER_TIMEOUT_MS), through), source: { kind: "indexer", url: indexerUrl, through } };
      if (Date.now() > deadline) {
        reason = through === null ? "it has not read any block yet" : `it has read up to block ${through} of ${head}`;
        break;
      }
      await sleep(250);
    }
  } catch (error) {
    // The indexer's own errors say what failed in `details`; an RPC error in `shortMessage`.
    const e = error as { details?: string; shortMessage?: string; message: string };
    reason = error instanceof IndexerUnavailableError ? `it does not answer (${e.details})` : (e.details ?? e.shortMessage ?? e.message);
  }
  return { data: await fallback(), source: { kind: "logs", reason } };
}
