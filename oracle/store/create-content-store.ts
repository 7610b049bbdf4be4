// Which content store the oracle uses: a Kubo node when IPFS_API_URL is set, otherwise the
// embedded store in a folder (CONTENT_STORE_DIR, default .1tt/ipfs under the working folder).
import type { ContentStore } from "./content-store.ts";
import { EmbeddedStore } from "./embedded/embedded-store.ts";
import { InvalidStoreConfigError } from "./errors.ts";
import { KuboStore } from "./kubo/kubo-store.ts";

export const DEFAULT_STORE_DIR = ".1tt/ipfs";

export interface ContentStoreEnv {
  /** Kubo's RPC address, e.g. http://127.0.0.1:5001 or /ip4/127.0.0.1/tcp/5001. */
  IPFS_API_URL?: string;
  /** Sent as `Authorization: Bearer …` when Kubo's API.Authorizations requires it. */
  IPFS_API_TOKEN?: string;
  /** Folder of the embedded store. */
  CONTENT_STORE_DIR?: string;
}

export interface CreateContentStoreOptions {
  /** Ask a Kubo node for its version first, so a node that is down fails now. Default true. */
  check?: boolean;
  timeoutMs?: number;
}

const HINT =
  "Set IPFS_API_URL to the Kubo RPC address (Addresses.API in the node's config), e.g. " +
  "http://127.0.0.1:5001 or /ip4/127.0.0.1/tcp/5001, or unset it to use the embedded store.";

/** Validates IPFS_API_URL and returns it as an http(s) URL. Accepts Kubo's multiaddr form. */
export function parseApiUrl(value: string): URL {
  const text = value.trim();
  const multiaddr = /^\/(ip4|ip6|dns|dns4|dns6)\/([^/]+)\/tcp\/(\d+)(\/(https?))?\/?$/.exec(text);
  if (multiaddr) {
    const host = multiaddr[1] === "ip6" ? `[${multiaddr[2]}]` : multiaddr[2];
    return new URL(`${multiaddr[5] ?? "http"}://${host}:${multiaddr[3]}`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidStoreConfigError("IPFS_API_URL", value, "it is not a URL", HINT);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidStoreConfigError("IPFS_API_URL", value, `the scheme ${url.protocol} is not http or https`, HINT);
  }
  if (url.username || url.password) {
    throw new InvalidStoreConfigError(
      "IPFS_API_URL",
      value,
      "it carries credentials",
      "Put the secret in IPFS_API_TOKEN (sent as a Bearer token), not in the URL, so it stays out of logs.",
    );
  }
  if (url.search || url.hash) {
    throw new InvalidStoreConfigError("IPFS_API_URL", value, "it has a query or fragment", HINT);
  }
  return url;
}

export async function createContentStore(
  env: ContentStoreEnv = process.env,
  options: CreateContentStoreOptions = {},
): Promise<ContentStore> {
  const api = env.IPFS_API_URL?.trim();
  if (api) {
    const url = parseApiUrl(api);
    const token = env.IPFS_API_TOKEN?.trim();
    const store = new KuboStore(url, {
      headers: token ? { authorization: `Bearer ${token}` } : undefined,
      timeoutMs: options.timeoutMs,
    });
    if (options.check ?? true) await store.ping();
    return store;
  }
  return EmbeddedStore.open(env.CONTENT_STORE_DIR?.trim() || DEFAULT_STORE_DIR);
}
