// Every event log the project reads (dApp, oracle, relayer, committee node, audit) goes through
// here: block ranges small enough for a public RPC endpoint, halved when the endpoint still
// refuses a range or a result count (viem's iterateLogs), each request retried with backoff by
// the transport (rpc-transport.ts). Browser-safe.
import type { AbiEvent, Chain, Client, GetLogsReturnType, Transport } from "viem";
import { iterateLogs, type IterateLogsParameters } from "viem/actions";

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
