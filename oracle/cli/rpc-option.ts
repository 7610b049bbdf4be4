// The --rpc option every command that reads the chain takes: one JSON-RPC URL, or several
// separated by commas (rpcTransport tries them in turn, with backoff on 429 and 503).
import { rpcUrlsProblem } from "../protocol/rpc-transport.ts";
import { UsageError } from "./usage.ts";

export const RPC_OPTION_HELP = "JSON-RPC endpoint of the program's chain; several, separated by commas, are tried in turn";

/** `value` when it is one http(s) URL or a comma-separated list of them; a UsageError otherwise. */
export function checkRpcOption(value: string): string {
  const problem = rpcUrlsProblem(value);
  if (problem) throw new UsageError(`--rpc must be an http(s) URL, or several separated by commas (${problem})`);
  return value;
}
