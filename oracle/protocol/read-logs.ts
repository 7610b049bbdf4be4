// Every event log the project reads (dApp, oracle, relayer, committee node, audit) goes through
// here: block ranges small enough for a public RPC endpoint, halved when the endpoint still
// refuses a range or a result count (viem's iterateLogs), each request retried with backoff by
// the transport (rpc-transport.ts). Browser-safe.
import type { AbiEvent, Chain, Client, GetLogsReturnType, Transport } from "viem";
import { getBlockNumber, iterateLogs, type IterateLogsParameters } from "viem/actions";

/**
 * Blocks per eth_getLogs request. Public endpoints cap a request at 2,000 blocks (Alchemy),
 * 10,000 results (Infura) or both; a page that is still refused is halved until it passes.
 */
export const LOG_BLOCK_RANGE = 2_000n;

/** Every log in [fromBlock, toBlock] (toBlock defaults to the latest block, resolved once), in chain order. */
export async function readLogs<
  chain extends Chain | undefined,
  const abiEvent extends AbiEvent | undefined = undefined,
  const abiEvents extends readonly AbiEvent[] | readonly unknown[] | undefined = abiEvent extends AbiEvent ? [abiEvent] : undefined,
  strict extends boolean | undefined = undefined,
>(
  client: Client<Transport, chain>,
  parameters: IterateLogsParameters<abiEvent, abiEvents, strict>,
): Promise<GetLogsReturnType<abiEvent, abiEvents, strict>> {
  const logs: GetLogsReturnType<abiEvent, abiEvents, strict> = [];
  for await (const page of iterateLogs(client, { blockRange: LOG_BLOCK_RANGE, ...parameters })) logs.push(...(page.logs as typeof logs));
  return logs;
}

/** Logs read up to a block, to be extended by followLogs. */
export interface LogWindow<log> {
  logs: log[];
  /** The last block read. */
  through: bigint;
}

/**
 * Blocks re-read before the end of the previous window at each follow, so that logs of a
 * reorganised head are replaced (Base and Ethereum finalise well within this depth).
 */
export const REORG_DEPTH = 64n;

/**
 * A reader that follows the chain: the first call reads from `fromBlock`, every later one only
 * the blocks since the previous window (and REORG_DEPTH before it), so polling costs a page or
 * two whatever the length of the history.
 */
export async function followLogs<log extends { blockNumber: bigint | null }>(
  client: Client,
  previous: LogWindow<log> | undefined,
  fromBlock: bigint,
  read: (range: { fromBlock: bigint; toBlock: bigint }) => Promise<readonly log[]>,
): Promise<LogWindow<log>> {
  const latest = await getBlockNumber(client, { cacheTime: 0 });
  if (previous && latest === previous.through) return previous;
  // A chain shorter than the window is another chain (a restarted node): read it whole.
  const known = previous && latest > previous.through ? previous : undefined;
  const restart = known ? known.through + 1n - REORG_DEPTH : fromBlock;
  const start = restart > fromBlock ? restart : fromBlock;
  const kept = known ? known.logs.filter((l) => (l.blockNumber ?? 0n) < start) : [];
  return { logs: [...kept, ...(await read({ fromBlock: start, toBlock: latest }))], through: latest };
}
