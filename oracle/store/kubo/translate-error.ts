// What a failed Kubo RPC call means for the oracle: the node is down, or it said no.
import { StoreError, StoreRequestError, StoreUnreachableError } from "../errors.ts";

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "EPIPE",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
]);

function isConnectionFailure(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: string }).code;
    if (code !== undefined && CONNECTION_CODES.has(code)) return true;
    if (e.name === "TimeoutError") return true;
    if (e instanceof TypeError && e.message === "fetch failed") return true;
  }
  return false;
}

export function translateKuboError(err: unknown, { url, endpoint }: { url: string; endpoint: string }): unknown {
  if (err instanceof StoreError) return err;
  if (err instanceof Error && err.name === "AbortError") return err;
  if (isConnectionFailure(err)) return new StoreUnreachableError(url, { cause: err });
  if (err instanceof Error && err.name === "HTTPError") {
    return new StoreRequestError(endpoint, { url, message: err.message, cause: err });
  }
  return err;
}

/** Kubo's words for "this block or path is not in the local repository". */
export function isNotFoundMessage(err: unknown): boolean {
  return err instanceof StoreRequestError && /not found|could not find|no link named|does not exist/i.test(err.details ?? "");
}

export function isNotPinnedMessage(err: unknown): boolean {
  return err instanceof StoreRequestError && /not pinned/i.test(err.details ?? "");
}
