// The transport every chain reader of the project uses: one or several JSON-RPC URLs (viem's
// fallback moves to the next when one fails), each request retried with exponential backoff on
// the answers a public endpoint gives when busy (HTTP 429 and 503, JSON-RPC 429 and -32005),
// waiting as long as a Retry-After header asks. Browser-safe.
import { fallback, http, type Transport } from "viem";

export interface RpcTransportOptions {
  /** Per request, in milliseconds. Default 30 s. */
  timeout?: number;
  /** Retries of one request (on one URL, or on the whole list). Default 3 (about 2 s of backoff in all). */
  retryCount?: number;
  /** The first backoff, doubled at each retry; a Retry-After header sets it instead. Default 300 ms. */
  retryDelay?: number;
}

/** A transport over `urls` (tried in order: the first that answers is used). */
export function rpcTransport(urls: string | readonly string[], options: RpcTransportOptions = {}): Transport {
  const list = typeof urls === "string" ? parseRpcUrls(urls) : [...urls];
  if (list.length === 0) throw new Error("no JSON-RPC URL given: set one http(s) URL, or several separated by commas");
  const { timeout = 30_000, retryCount = 3, retryDelay = 300 } = options;
  if (list.length === 1) return http(list[0], { timeout, retryCount, retryDelay });
  // With several URLs a failed request moves on to the next at once (fallback asks each with no
  // retry of its own), and the backoff applies to the whole list.
  return fallback(list.map((url) => http(url, { timeout })), { retryCount, retryDelay });
}

/** "https://a, https://b" → both URLs; blanks dropped. */
export function parseRpcUrls(value: string): string[] {
  return value.split(",").map((u) => u.trim()).filter((u) => u.length > 0);
}

/** What is wrong with a comma-separated list of RPC URLs, or null when each is an http(s) URL. */
export function rpcUrlsProblem(value: string): string | null {
  const urls = parseRpcUrls(value);
  if (urls.length === 0) return "no URL in it";
  for (const u of urls) {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      return `"${u}" is not a URL`;
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return `"${u}" is not an http(s) URL`;
  }
  return null;
}
