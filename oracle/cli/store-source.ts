// Where a command reads content from: an IPFS HTTP gateway (--gateway: a public one, a Kubo
// node's gateway, or the oracle, which serves every CID it stored at /ipfs/<cid>), a Kubo RPC
// API (--ipfs) or an embedded store folder (--store). At most one; `required` insists on one.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { GatewayStore, parseGatewayUrl } from "../store/gateway.ts";
import { createContentStore, EmbeddedStore, InvalidStoreConfigError, parseApiUrl, type ContentStore } from "../store/index.ts";
import { UsageError } from "./usage.ts";

export interface StoreSourceOptions {
  gateway?: string;
  ipfs?: string;
  store?: string;
}

/** The options' help texts, the same in every command. */
export const STORE_SOURCE_HELP = {
  gateway: "IPFS HTTP gateway serving GET <url>/ipfs/<cid> (e.g. https://ipfs.io, or the oracle's URL)",
  ipfs: "Kubo RPC API (e.g. http://127.0.0.1:5001); IPFS_API_TOKEN is sent when set",
  store: "an embedded content store folder (as the oracle's CONTENT_STORE_DIR)",
} as const;

export async function openStoreSource(opts: StoreSourceOptions, { required }: { required: boolean }): Promise<ContentStore | null> {
  const given = (["gateway", "ipfs", "store"] as const).filter((k) => opts[k] !== undefined);
  if (given.length > 1) throw new UsageError(`give one of --gateway, --ipfs or --store, not ${given.map((k) => `--${k}`).join(" and ")}`);
  try {
    if (opts.gateway !== undefined) return new GatewayStore(parseGatewayUrl(opts.gateway, "--gateway"));
    if (opts.ipfs !== undefined) parseApiUrl(opts.ipfs);
  } catch (e) {
    if (e instanceof InvalidStoreConfigError) throw new UsageError(opts.ipfs !== undefined ? `--ipfs: ${e.message}` : e.message);
    throw e;
  }
  if (opts.ipfs !== undefined) return createContentStore({ IPFS_API_URL: opts.ipfs, IPFS_API_TOKEN: process.env.IPFS_API_TOKEN });
  if (opts.store !== undefined) {
    if (!existsSync(opts.store) || !statSync(opts.store).isDirectory()) throw new UsageError(`--store ${opts.store}: no such folder`);
    // Reading never makes a store: a folder without the store's marker is the wrong folder.
    if (!existsSync(join(opts.store, "store.json"))) throw new UsageError(`--store ${opts.store} is not a content store folder (it has no store.json); give the oracle's CONTENT_STORE_DIR`);
    return EmbeddedStore.open(opts.store);
  }
  if (required) throw new UsageError("say where to read from: --gateway <url>, --ipfs <Kubo RPC url> or --store <folder>");
  return null;
}
