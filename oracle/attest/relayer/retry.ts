// Retrying calls to the chain's RPC endpoint when the endpoint, not the request, is at fault:
// connection refused or reset, a timeout, HTTP 5xx or 429. Anything else (a revert, a bad
// parameter) is returned to the caller at once. Delays grow exponentially with "full jitter"
// (a uniform random delay up to the exponential bound), so many relayers restarting together
// do not hit a recovering node in lockstep.
import { BaseError, HttpRequestError, TimeoutError } from "viem";
import { RpcUnavailableError } from "../errors.ts";

export interface RetryPolicy {
  /** Tries per operation, the first included. Default 8. */
  attempts?: number;
  /** Upper bound of the first delay. Default 250 ms. */
  baseDelayMs?: number;
  /** Upper bound of any delay. Default 8 s. */
  maxDelayMs?: number;
  /** Called before each wait, for logs and tests. */
  onRetry?: (info: { operation: string; attempt: number; delayMs: number; error: unknown }) => void;
  /** The random source of the jitter, in [0, 1). Default Math.random. */
  random?: () => number;
}

const TRANSIENT_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ENOTFOUND",
  "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CLOSED",
]);

function* chain(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && !seen.has(e)) {
    seen.add(e);
    yield e;
    e = (e as { cause?: unknown }).cause;
  }
}

/** True when `error` (or anything in its cause chain) says the endpoint failed, not the request. */
export function isTransientRpcError(error: unknown): boolean {
  for (const e of chain(error)) {
    if (e instanceof HttpRequestError) {
      if (e.status === undefined || e.status >= 500 || e.status === 429 || e.status === 408) return true;
      return false;
    }
    if (e instanceof TimeoutError) return true;
    if (e instanceof BaseError && e.name === "SocketClosedError") return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
    // JSON-RPC "limit exceeded" (-32005) is rate limiting.
    if (code === -32005) return true;
    if (e instanceof TypeError && /fetch failed/i.test(e.message)) return true;
  }
  return false;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Runs `fn`, retrying transient RPC failures; throws RpcUnavailableError when the budget is spent. */
export async function withRpcRetry<T>(operation: string, fn: () => Promise<T>, policy: RetryPolicy = {}, signal?: AbortSignal): Promise<T> {
  const attempts = Math.max(1, policy.attempts ?? 8);
  const base = policy.baseDelayMs ?? 250;
  const max = policy.maxDelayMs ?? 8_000;
  const random = policy.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await fn();
    } catch (error) {
      if (!isTransientRpcError(error)) throw error;
      if (attempt >= attempts) throw new RpcUnavailableError(operation, attempt, error);
      const delayMs = Math.floor(random() * Math.min(max, base * 2 ** (attempt - 1)));
      policy.onRetry?.({ operation, attempt, delayMs, error });
      await sleep(delayMs, signal);
    }
  }
}
