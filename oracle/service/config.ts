// The oracle service's configuration, read from environment variables. Every variable has a
// default that runs locally with no setup; a bad value stops the start with one line per
// variable saying what is wrong and what is expected.
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { getAddress, isAddress, type Address } from "viem";
import { parseRpcUrls, rpcUrlsProblem } from "../protocol/rpc-transport.ts";
import type { ContentStoreEnv } from "../store/index.ts";

export interface RateLimits {
  /** Requests per minute from one IP address, over every route. */
  perIpPerMinute: number;
  /** Requests per minute from one signed-in address, over the routes that need a session. */
  perAddressPerMinute: number;
  /** Uploads per hour from one signed-in address. */
  uploadsPerHour: number;
  /** Nonce and sign-in requests per minute from one IP address. */
  signInPerMinute: number;
}

export interface UploadLimits {
  /** Total bytes of one upload (all its files, as sent). */
  maxBytes: number;
  maxFiles: number;
  /** Decompressed bytes of one compressed file: past this it is refused as a decompression bomb. */
  maxDecompressedBytes: number;
  /** Decompressed/compressed ratio refused once more than `ratioFloorBytes` came out. */
  maxCompressionRatio: number;
  ratioFloorBytes: number;
  /** Bytes a second an upload must average once it has run MIN_RATE_AFTER_MS; slower ones get 408. */
  minBytesPerSecond: number;
}

export interface Timeouts {
  /** A connection that sends and receives nothing this long is closed. */
  idleMs: number;
  /** A request must have been received whole within this time (408 otherwise). */
  requestMs: number;
}

/** An upload's average rate is checked only from this point on, so a slow start is forgiven. */
export const MIN_RATE_AFTER_MS = 10_000;

export interface OracleConfig {
  host: string;
  port: number;
  dataDir: string;
  /** A PostgreSQL server for the oracle's database; null: the embedded one in dataDir/postgres. */
  databaseUrl: string | null;
  /** The origin of the site where contributors sign in (the dApp); SIWE messages must name it. */
  publicOrigin: string;
  /** Origins whose pages may make state-changing requests (publicOrigin unless set). */
  allowedOrigins: string[];
  /**
   * Which proxies' X-Forwarded-For to believe (Fastify's trustProxy): false, true, a hop count,
   * or addresses/CIDRs/`loopback`. The client's address from it keys the per-IP rate limits.
   */
  trustProxy: boolean | number | string[];
  /** The EIP-4361 domain expected in sign-in messages (the host of publicOrigin unless set). */
  siweDomain: string;
  chainId: number;
  /** RPC_URL: one JSON-RPC URL, or several separated by commas (rpcTransport's fallback order). */
  rpcUrl: string | null;
  splitterAddress: Address | null;
  /** Passed to createContentStore: IPFS_API_URL selects Kubo, else the embedded store. */
  store: ContentStoreEnv;
  pipelineConfigPath: string | null;
  /** Pipeline threads of the oracle process; 0: worker processes do all of the pipeline's parallel part. */
  pipelineWorkers: number;
  /** How long a worker process may hold a batch before it goes to another. */
  batchTimeoutSeconds: number;
  /** Pipeline threads of a worker process (npm run oracle:worker). */
  workerThreads: number;
  sessionTtlSeconds: number;
  nonceTtlSeconds: number;
  upload: UploadLimits;
  rateLimits: RateLimits;
  timeouts: Timeouts;
  /** Times the oracle may stop (crash) while processing one job before the job is failed. */
  jobMaxAttempts: number;
  /** How long a shutdown waits for the current job to reach a checkpoint. */
  shutdownTimeoutMs: number;
  logLevel: string;
  /** Serve Prometheus metrics at GET /metrics on the oracle's port. */
  metrics: boolean;
}

export class ConfigErrors extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`the oracle cannot start; fix these environment variables:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigErrors";
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

const GiB = 1024 ** 3;
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** One variable's documentation, for README and `--help`-like output. */
export const VARIABLES: [name: string, meaning: string][] = [
  ["ORACLE_HOST", "address to listen on (default 127.0.0.1)"],
  ["ORACLE_PORT", "port to listen on (default 8787; 0 picks a free one)"],
  ["ORACLE_DATA_DIR", "uploads in progress, dedup state and the embedded PostgreSQL (default .1tt/oracle)"],
  ["DATABASE_URL", "PostgreSQL server for jobs, sessions and reader keys: postgresql://user:password@host:port/database (default: an embedded server in ORACLE_DATA_DIR/postgres)"],
  ["ORACLE_PUBLIC_ORIGIN", "origin of the site users sign in on; SIWE messages must name it (default http://localhost:5173)"],
  ["ORACLE_ALLOWED_ORIGINS", "comma-separated origins whose pages may upload, sign in and out (default: ORACLE_PUBLIC_ORIGIN)"],
  ["ORACLE_TRUST_PROXY", "the proxy in front of the oracle whose X-Forwarded-For is believed: true, a hop count, or comma-separated addresses/CIDRs or loopback (default: none)"],
  ["SIWE_DOMAIN", "EIP-4361 domain expected in sign-in messages (default: the host of ORACLE_PUBLIC_ORIGIN)"],
  ["CHAIN_ID", "chain id expected in sign-in messages and used for attestations (default 31337)"],
  ["RPC_URL", "the chain's JSON-RPC endpoint, or several separated by commas (reads move to the next when one fails or refuses; the relayer sends through the first that answers); when set, smart-contract wallets can sign in (ERC-1271/6492)"],
  ["SPLITTER_ADDRESS", "the RevenueSplitter of this program (optional until attestation is wired)"],
  ["SPLITTER_FROM_BLOCK", "the block the splitter was created in, where reading its logs begins (default 0; deploy:env prints it)"],
  ["IPFS_API_URL", "Kubo RPC API; unset = the embedded content store"],
  ["IPFS_API_TOKEN", "bearer token for Kubo's API, if it requires one"],
  ["CONTENT_STORE_DIR", "folder of the embedded content store (default .1tt/ipfs)"],
  ["UPLOAD_LIMIT_BYTES", "bytes per upload, all files together (default 2147483648 = 2 GiB)"],
  ["UPLOAD_MAX_FILES", "files per upload (default 20)"],
  ["UPLOAD_MAX_DECOMPRESSED_BYTES", "decompressed bytes per compressed file (default 34359738368 = 32 GiB)"],
  ["UPLOAD_MAX_COMPRESSION_RATIO", "decompressed/compressed ratio refused past 16 MiB of output (default 100)"],
  ["UPLOAD_MIN_BYTES_PER_SECOND", "average rate an upload must keep from its 10th second on, else 408 (default 4096)"],
  ["ORACLE_IDLE_TIMEOUT_MS", "a connection idle this long is closed (default 30000)"],
  ["ORACLE_REQUEST_TIMEOUT_MS", "a request must arrive whole within this time, else 408 (default 7200000 = 2 h)"],
  ["PIPELINE_CONFIG", "pipeline configuration JSON file (default: the pipeline's defaults)"],
  ["PIPELINE_WORKERS", "pipeline worker threads in this process (default: CPU cores - 1, at least 1); 0: none, worker processes (npm run oracle:worker) process every batch"],
  ["ORACLE_BATCH_TIMEOUT_SECONDS", "a worker process that holds a batch this long without answering is presumed dead, and the batch goes to another (default 60)"],
  ["WORKER_THREADS", "npm run oracle:worker: pipeline threads of this worker process, batches it processes at once (default 1)"],
  ["SESSION_TTL_SECONDS", "how long a sign-in lasts (default 86400)"],
  ["SIWE_NONCE_TTL_SECONDS", "how long a sign-in nonce can be used (default 600)"],
  ["RATE_LIMIT_PER_IP", "requests per minute per IP address (default 600)"],
  ["RATE_LIMIT_PER_ADDRESS", "requests per minute per signed-in address (default 300)"],
  ["RATE_LIMIT_UPLOADS_PER_HOUR", "uploads per hour per signed-in address (default 60)"],
  ["RATE_LIMIT_SIGN_IN", "nonce + sign-in requests per minute per IP address (default 30)"],
  ["ORACLE_JOB_MAX_ATTEMPTS", "crashes tolerated while processing one job before it fails (default 3)"],
  ["ORACLE_SHUTDOWN_TIMEOUT_MS", "how long a shutdown waits for the current job (default 30000)"],
  ["ORACLE_LOG_LEVEL", `log level: ${LOG_LEVELS.join(", ")} (default info)`],
  ["ORACLE_METRICS", "true (default): Prometheus metrics at GET /metrics on the oracle's port; false: no /metrics"],
];

/** Reads and validates the configuration; throws ConfigErrors listing every bad variable. */
export function loadConfig(env: Env = process.env): OracleConfig {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const int = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };
  const address = (name: string, raw: string): Address | null => {
    if (!isAddress(raw, { strict: false })) {
      problems.push(`${name}: ${JSON.stringify(raw)} is not an Ethereum address (0x followed by 40 hex digits)`);
      return null;
    }
    return getAddress(raw);
  };
  const url = (name: string, raw: string | undefined, what: string): URL | null => {
    if (raw === undefined) return null;
    try {
      const u = new URL(raw);
      if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("scheme");
      return u;
    } catch {
      problems.push(`${name}=${JSON.stringify(raw)}: expected ${what}, an http(s) URL`);
      return null;
    }
  };

  const host = str("ORACLE_HOST") ?? "127.0.0.1";
  const port = int("ORACLE_PORT", 8787, 0, 65535);
  const dataDir = resolve(str("ORACLE_DATA_DIR") ?? ".1tt/oracle");
  const origin = url("ORACLE_PUBLIC_ORIGIN", str("ORACLE_PUBLIC_ORIGIN") ?? "http://localhost:5173", "the origin users sign in on");
  if (origin && (origin.pathname !== "/" || origin.search || origin.hash)) {
    problems.push(`ORACLE_PUBLIC_ORIGIN=${JSON.stringify(str("ORACLE_PUBLIC_ORIGIN"))}: expected an origin only (scheme, host, port), no path`);
  }
  const databaseRaw = str("DATABASE_URL");
  let databaseUrl: string | null = null;
  if (databaseRaw !== undefined) {
    try {
      const u = new URL(databaseRaw);
      if (u.protocol !== "postgresql:" && u.protocol !== "postgres:") throw new Error("scheme");
      databaseUrl = databaseRaw;
    } catch {
      problems.push(`DATABASE_URL: expected a PostgreSQL connection string, postgresql://user:password@host:port/database (unset: the embedded server)`);
    }
  }
  const publicOrigin = origin?.origin ?? "http://localhost:5173";
  const allowedOrigins = (str("ORACLE_ALLOWED_ORIGINS")?.split(",") ?? [publicOrigin]).map((raw) => {
    const u = url("ORACLE_ALLOWED_ORIGINS", raw.trim(), "a list of origins");
    return u?.origin ?? raw.trim();
  });
  const trustRaw = str("ORACLE_TRUST_PROXY");
  const trustProxy: boolean | number | string[] =
    trustRaw === undefined || trustRaw === "false" ? false : trustRaw === "true" ? true : /^\d+$/.test(trustRaw) ? Number(trustRaw) : trustRaw.split(",").map((s) => s.trim()).filter(Boolean);
  for (const entry of Array.isArray(trustProxy) ? trustProxy : []) {
    const [ip, bits] = entry.split("/");
    if (!["loopback", "linklocal", "uniquelocal"].includes(entry) && (isIP(ip) === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits)))) {
      problems.push(`ORACLE_TRUST_PROXY: ${JSON.stringify(entry)} is not an address, a CIDR range or loopback/linklocal/uniquelocal (or set true or a hop count)`);
    }
  }
  const siweDomain = str("SIWE_DOMAIN") ?? (origin?.host ?? "localhost:5173");
  const chainId = int("CHAIN_ID", 31337, 1, 2 ** 53 - 1);
  const rpcRaw = str("RPC_URL");
  const rpcProblem = rpcRaw === undefined ? null : rpcUrlsProblem(rpcRaw);
  if (rpcProblem) problems.push(`RPC_URL=${JSON.stringify(rpcRaw)}: expected the chain's JSON-RPC endpoint, an http(s) URL, or several separated by commas (${rpcProblem})`);
  const splitterRaw = str("SPLITTER_ADDRESS");
  const splitterAddress = splitterRaw === undefined ? null : address("SPLITTER_ADDRESS", splitterRaw);
  const pipelineWorkers = int("PIPELINE_WORKERS", Math.max(1, availableParallelism() - 1), 0, 64);
  const logLevel = str("ORACLE_LOG_LEVEL") ?? "info";
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`ORACLE_LOG_LEVEL=${JSON.stringify(logLevel)}: expected one of ${LOG_LEVELS.join(", ")}`);
  const metricsRaw = str("ORACLE_METRICS")?.toLowerCase() ?? "true";
  if (!["true", "false", "1", "0"].includes(metricsRaw)) problems.push(`ORACLE_METRICS=${JSON.stringify(str("ORACLE_METRICS"))}: expected true (serve GET /metrics) or false`);

  const config: OracleConfig = {
    host,
    port,
    dataDir,
    databaseUrl,
    publicOrigin,
    allowedOrigins,
    trustProxy,
    siweDomain,
    chainId,
    rpcUrl: rpcRaw === undefined || rpcProblem ? null : parseRpcUrls(rpcRaw).join(","),
    splitterAddress,
    store: { IPFS_API_URL: str("IPFS_API_URL"), IPFS_API_TOKEN: str("IPFS_API_TOKEN"), CONTENT_STORE_DIR: str("CONTENT_STORE_DIR") },
    pipelineConfigPath: str("PIPELINE_CONFIG") ? resolve(str("PIPELINE_CONFIG")!) : null,
    pipelineWorkers,
    batchTimeoutSeconds: int("ORACLE_BATCH_TIMEOUT_SECONDS", 60, 1, 3600),
    workerThreads: int("WORKER_THREADS", 1, 1, 64),
    sessionTtlSeconds: int("SESSION_TTL_SECONDS", 86400, 60),
    nonceTtlSeconds: int("SIWE_NONCE_TTL_SECONDS", 600, 10, 86400),
    upload: {
      maxBytes: int("UPLOAD_LIMIT_BYTES", 2 * GiB, 1),
      maxFiles: int("UPLOAD_MAX_FILES", 20, 1, 1000),
      maxDecompressedBytes: int("UPLOAD_MAX_DECOMPRESSED_BYTES", 32 * GiB, 1),
      maxCompressionRatio: int("UPLOAD_MAX_COMPRESSION_RATIO", 100, 2),
      ratioFloorBytes: 16 * 1024 * 1024,
      minBytesPerSecond: int("UPLOAD_MIN_BYTES_PER_SECOND", 4096, 0),
    },
    timeouts: {
      idleMs: int("ORACLE_IDLE_TIMEOUT_MS", 30_000, 1000),
      requestMs: int("ORACLE_REQUEST_TIMEOUT_MS", 7_200_000, 1000),
    },
    rateLimits: {
      perIpPerMinute: int("RATE_LIMIT_PER_IP", 600, 1),
      perAddressPerMinute: int("RATE_LIMIT_PER_ADDRESS", 300, 1),
      uploadsPerHour: int("RATE_LIMIT_UPLOADS_PER_HOUR", 60, 1),
      signInPerMinute: int("RATE_LIMIT_SIGN_IN", 30, 1),
    },
    jobMaxAttempts: int("ORACLE_JOB_MAX_ATTEMPTS", 3, 1, 100),
    shutdownTimeoutMs: int("ORACLE_SHUTDOWN_TIMEOUT_MS", 30000, 0),
    logLevel,
    metrics: metricsRaw !== "false" && metricsRaw !== "0",
  };
  if (problems.length > 0) throw new ConfigErrors(problems);
  return config;
}
