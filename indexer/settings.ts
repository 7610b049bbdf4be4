// The indexer's configuration, from the environment only (a deployment record's values, through
// `npm run deploy:env`), checked before Ponder starts so that a wrong value names itself.
import { isAddress, getAddress, type Address } from "viem";
import { parseRpcUrls } from "../oracle/protocol/rpc-transport.ts";

export interface IndexerSettings {
  chainId: number;
  rpcUrls: string[];
  factory: Address;
  /** The factory's deployment block: nothing before it is read. */
  fromBlock: number;
  /** PostgreSQL URL; without it, PGlite (embedded) in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  pollingMs: number;
}

export class IndexerConfigError extends Error {
  override name = "IndexerConfigError";
}

function whole(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new IndexerConfigError(`${name}="${value}" is not a whole number ≥ ${min}.`);
  return n;
}

/** Where PGlite keeps the indexer's database (relative paths: from the directory npm runs in). */
export const indexerDataDir = (env: Record<string, string | undefined>): string => env.INDEXER_DATA_DIR || ".1tt/indexer";

export function indexerSettings(env: Record<string, string | undefined>): IndexerSettings {
  const rpc = env.INDEXER_RPC_URL || env.RPC_URL;
  if (!rpc) throw new IndexerConfigError("Set INDEXER_RPC_URL (or RPC_URL) to the chain's JSON-RPC endpoint; several may be listed, comma-separated.");
  const factory = env.INDEXER_FACTORY_ADDRESS;
  if (!factory || !isAddress(factory, { strict: false })) {
    throw new IndexerConfigError(`INDEXER_FACTORY_ADDRESS="${factory ?? ""}" is not an address: set it to the RevenueSplitterFactory of the deployment record (npm run deploy:env prints it).`);
  }
  return {
    chainId: whole("CHAIN_ID", env.CHAIN_ID || "31337", 1),
    rpcUrls: parseRpcUrls(rpc),
    factory: getAddress(factory),
    fromBlock: whole("INDEXER_FROM_BLOCK", env.INDEXER_FROM_BLOCK || "0", 0),
    databaseUrl: env.INDEXER_DATABASE_URL || undefined,
    dataDir: indexerDataDir(env),
    pollingMs: whole("INDEXER_POLLING_MS", env.INDEXER_POLLING_MS || "1000", 50),
  };
}
