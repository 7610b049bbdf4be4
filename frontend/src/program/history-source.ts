// Where the page's history comes from. The indexer answers in one request whatever the length of
// the history; when it is not configured, does not answer, or lags the chain, the history is read
// from the chain's logs in bounded pages instead (read-logs.ts), and the page says why.
import type { Client } from "viem";
import { getBlockNumber } from "viem/actions";
import { fetchIndexedBlock } from "../../../oracle/protocol/indexer-api.ts";
import { REORG_DEPTH } from "../../../oracle/protocol/read-logs.ts";
import { indexerUrl } from "../config.ts";

export type HistorySource =
  | { kind: "indexer"; url: string; through: bigint }
  /** `reason` is null when no indexer is configured. */
  | { kind: "logs"; reason: string | null };

/** An indexer answer is abandoned after this long: the logs are read instead. */
const INDEXER_TIMEOUT_MS = 5_000;

/**
 * `read` from the indexer when it answers and has read the chain to within REORG_DEPTH blocks of
 * its head; otherwise `fallback` (the logs), with the reason.
 */
export async function fromIndexerOrLogs<T>(
  client: Client,
  read: (url: string, signal: AbortSignal, through: bigint) => Promise<T>,
  fallback: () => Promise<T>,
): Promise<{ data: T; source: HistorySource }> {
  if (!indexerUrl) return { data: await fallback(), source: { kind: "logs", reason: null } };
  let reason: string;
  try {
    const signal = AbortSignal.timeout(INDEXER_TIMEOUT_MS);
    const [through, head] = await Promise.all([fetchIndexedBlock(indexerUrl, signal), getBlockNumber(client, { cacheTime: 0 })]);
    if (through !== null && head - through <= REORG_DEPTH) return { data: await read(indexerUrl, signal, through), source: { kind: "indexer", url: indexerUrl, through } };
    reason = through === null ? "it has not read any block yet" : `it has read up to block ${through} of ${head}`;
  } catch (error) {
    // The indexer's own errors say what failed in `details`; an RPC error in `shortMessage`.
    const e = error as { details?: string; shortMessage?: string; message: string };
    reason = e.details ?? e.shortMessage ?? e.message;
  }
  return { data: await fallback(), source: { kind: "logs", reason } };
}
