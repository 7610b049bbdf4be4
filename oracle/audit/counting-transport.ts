// A viem transport that counts the JSON-RPC requests the client makes, by method: what the audit
// costs an RPC provider. Wraps any transport (http, webSocket, custom).
import type { Transport } from "viem";

export interface RpcCounter {
  readonly byMethod: Map<string, number>;
  total(): number;
  reset(): void;
  /** "eth_getLogs 12, eth_call 3, …", most frequent first. */
  describe(): string;
}

export function countingTransport<T extends Transport>(inner: T): { transport: T; counter: RpcCounter } {
  const byMethod = new Map<string, number>();
  const counter: RpcCounter = {
    byMethod,
    total: () => [...byMethod.values()].reduce((a, b) => a + b, 0),
    reset: () => byMethod.clear(),
    describe: () =>
      [...byMethod.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([m, n]) => `${m} ${n}`)
        .join(", "),
  };
  const transport = ((params: Parameters<T>[0]) => {
    const made = inner(params);
    const request: typeof made.request = (args, options) => {
      const method = (args as { method: string }).method;
      byMethod.set(method, (byMethod.get(method) ?? 0) + 1);
      return made.request(args, options);
    };
    return { ...made, request };
  }) as T;
  return { transport, counter };
}
