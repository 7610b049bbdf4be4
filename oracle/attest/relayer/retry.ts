// Retrying calls to the chain's RPC endpoint when the endpoint, not the request, is at fault:
// connection refused or reset, a timeout, HTTP 5xx or 429 (with or without a JSON-RPC error
// body), JSON-RPC rate-limit codes. Anything else (a revert, a bad
// parameter) is returned to the caller at once. Delays grow exponentially with "full jitter"
// (a uniform random delay up to the exponential bound), so many relayers restarting together
// do not hit a recovering node in lockstep.
import { BaseError, HttpRequestError, RpcRequestError, TimeoutError } from "viem";
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

// JSON-RPC codes of rate limiting: "limit exceeded" (-32005), providers' 429 in the body, and
// QuickNode's request limit (-32007).
const RATE_LIMIT_CODES = new Set([-32005, 429, -32007]);

const endpointStatus = (status: number) => status >= 500 || status === 429 || status === 408;

/** True when `error` (or anything in its cause chain) says the endpoint failed, not the request. */
export function isTransientRpcError(error: unknown): boolean {
  for (const e of chain(error)) {
    if (e instanceof HttpRequestError) return e.status === undefined || endpointStatus(e.status);
    // A refusal with a JSON-RPC body (viem's RpcRequestError) keeps the HTTP status: a public
    // endpoint answers 429 and 503 this way.
    const status = (e as { status?: unknown }).status;
    if (e instanceof RpcRequestError && typeof status === "number" && endpointStatus(status)) return true;
    if (e instanceof TimeoutError) return true;
    if (e instanceof BaseError && e.name === "SocketClosedError") return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
    if (typeof code === "number" && RATE_LIMIT_CODES.has(code)) return true;
    if (e instanceof TypeError && /fetch failed/i.test(e.message)) return true;
  }
  return false;
}

/** How long the endpoint asked to be left alone (a Retry-After header in seconds or as a date), in ms. */
export function retryAfterMs(error: unknown, now = Date.now()): number | null {
  for (const e of chain(error)) {
    const value = (e as { headers?: { get?: (name: string) => string | null } }).headers?.get?.("retry-after");
    if (!value) continue;
    if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
    const at = Date.parse(value);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return null;
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
      // A Retry-After the endpoint sent is honoured (up to a minute): asking sooner is refused again.
      const jittered = Math.floor(random() * Math.min(max, base * 2 ** (attempt - 1)));
      const delayMs = Math.max(jittered, Math.min(60_000, retryAfterMs(error) ?? 0));
      policy.onRetry?.({ operation, attempt, delayMs, error });
      await sleep(delayMs, signal);
    }
  }
}
