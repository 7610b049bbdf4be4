// `1tt audit`: checks a revenue program from public data: the splitter's logs and views on chain,
// the manifests in IPFS (or an embedded store), with --reader-registry the key envelopes against the
// reader keys published on chain, and, with --replay and a view key, the pipeline re-run over the
// decrypted data. Prints a progress line, a summary table and the problems found.
// Exit code: 0 every check ran and passed (the counts were replayed), 1 a check failed (or the
// audit could not run), 2 usage error, 3 nothing failed but some check did not run (the counts are
// not verified without a view key). A view key turns the replay on; --no-replay turns it off.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { CommanderError, type Command } from "commander";
import { createPublicClient, erc20Abi, isAddress, type Address, type Chain, type PublicClient } from "viem";
import { AuditError, auditSplitter, countingTransport, formatReport, parseCheckpoint, serializeCheckpoint, type AssetUnits, type AuditProgress, type AuditReport } from "../audit/index.ts";
import { startReplayPipeline } from "../audit/node/pipeline-replay.ts";
import { readViewKeyFile } from "../audit/node/view-key.ts";
import { ConfigError, loadConfigFile } from "../pipeline/config.ts";
import { LOG_BLOCK_RANGE } from "../protocol/read-logs.ts";
import { rpcTransport } from "../protocol/rpc-transport.ts";
import { checkRpcOption, RPC_OPTION_HELP } from "./rpc-option.ts";
import { parseCid } from "../store/cid.ts";
import { StoreError } from "../store/index.ts";
import { CryptoError } from "../crypto/errors.ts";
import { readPassphraseFile } from "./passphrase.ts";
import { openStoreSource, STORE_SOURCE_HELP } from "./store-source.ts";
import { UsageError } from "./usage.ts";
import { meaningOf } from "../protocol/error-codes.ts";

interface AuditOptions {
  rpc?: string;
  splitter?: string;
  gateway?: string;
  ipfs?: string;
  store?: string;
  replay?: boolean;
  viewKey?: string;
  viewKeyPassphraseFile?: string;
  pipelineConfig?: string;
  workers: string;
  json?: string;
  fromBlock?: string;
  toBlock?: string;
  pageSize: string;
  checkpoint?: string;
  readerRegistry?: string;
  readerRegistryFromBlock?: string;
  keyGrant: string[];
  progress: boolean;
}

function block(name: string, value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a block number (got "${value}")`);
  return BigInt(value);
}

function positive(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${name} must be a whole number from 1 to ${max} (got "${value}")`);
  return n;
}

const STAGES: Record<AuditProgress["stage"], string> = {
  logs: "reading logs (blocks)",
  views: "reading views (contributors)",
  attestations: "reading attestation blocks",
  payouts: "recomputing payouts",
  manifests: "reading manifests",
  data: "fetching and hashing data (files)",
  replay: "replaying submissions",
  done: "done",
};

/** One line on stderr, redrawn in place on a terminal, every few seconds elsewhere. */
function progressLine(enabled: boolean): ((p: AuditProgress) => void) & { end(): void } {
  const tty = Boolean(process.stderr.isTTY);
  let last = 0;
  let lastStage = "";
  const draw = (p: AuditProgress) => {
    if (!enabled) return;
    const now = performance.now();
    if (p.stage === lastStage && p.done < p.total && now - last < (tty ? 150 : 5000)) return;
    last = now;
    lastStage = p.stage;
    const pct = p.total > 0 ? Math.min(100, (100 * p.done) / p.total).toFixed(0).padStart(3) : "  -";
    const line = `audit: ${STAGES[p.stage]} ${p.done}/${p.total} ${pct}%`;
    if (tty) process.stderr.write(`\r\x1b[2K${line}`);
    else process.stderr.write(`${line}\n`);
  };
  return Object.assign(draw, { end: () => enabled && tty && process.stderr.write("\r\x1b[2K") });
}

/** One exit code per verdict, so a script tells "not verified" from "failed". */
export const EXIT_CODES = { verified: 0, failed: 1, unverified: 3 } as const;

async function audit(opts: AuditOptions): Promise<number> {
  if (!opts.rpc) throw new UsageError("--rpc <url> is required (the JSON-RPC endpoint of the program's chain)");
  if (!opts.splitter || !isAddress(opts.splitter, { strict: false })) throw new UsageError(`--splitter must be the splitter's 0x address (got "${opts.splitter ?? ""}")`);
  // Where a key is available the replay is the default: a count that was not replayed is not verified.
  const replay = opts.replay ?? Boolean(opts.viewKey || opts.pipelineConfig);
  if (opts.keyGrant.length > 0 && !opts.viewKey) throw new UsageError("--key-grant is only used with --view-key (the grant opens past submissions for that key)");
  for (const cid of opts.keyGrant) {
    try {
      parseCid(cid);
    } catch {
      throw new UsageError(`--key-grant must be the CID of a key grant (got "${cid}")`);
    }
  }
  if (opts.pipelineConfig && !replay) throw new UsageError("--pipeline-config is only used with the replay (drop --no-replay)");
  checkRpcOption(opts.rpc);
  if (opts.readerRegistry !== undefined && !isAddress(opts.readerRegistry, { strict: false })) {
    throw new UsageError(`--reader-registry must be the 0x address of the chain's ReaderKeyRegistry (got "${opts.readerRegistry}")`);
  }
  if (opts.readerRegistryFromBlock !== undefined && opts.readerRegistry === undefined) throw new UsageError("--reader-registry-from-block is only used with --reader-registry");
  const readerRegistry = opts.readerRegistry ? { address: opts.readerRegistry as Address, fromBlock: block("--reader-registry-from-block", opts.readerRegistryFromBlock) } : null;
  const fromBlock = block("--from-block", opts.fromBlock);
  const toBlock = block("--to-block", opts.toBlock);
  const pageSize = BigInt(positive("--page-size", opts.pageSize, 10_000_000));
  const workers = positive("--workers", opts.workers, 64);
  const pipelineConfig = opts.pipelineConfig ? loadConfigFile(opts.pipelineConfig) : {};
  const passphrase = opts.viewKeyPassphraseFile ? readPassphraseFile(opts.viewKeyPassphraseFile) : process.env.VIEW_KEY_PASSPHRASE;
  const viewKey = opts.viewKey ? await readViewKeyFile(opts.viewKey, passphrase) : null;
  const checkpoint = opts.checkpoint && existsSync(opts.checkpoint) ? parseCheckpoint(readFileSync(opts.checkpoint, "utf8")) : undefined;

  const { transport, counter } = countingTransport(rpcTransport(opts.rpc, { timeout: 60_000 }));
  const probe = createPublicClient({ transport });
  const chainId = await probe.getChainId();
  // viem's chain list names Multicall3 where it is deployed (else a deployless multicall is used).
  const chain = (Object.values(await import("viem/chains")) as Chain[]).find((c) => c?.id === chainId);
  const client = createPublicClient({ chain, transport }) as PublicClient;

  const store = await openStoreSource(opts, { required: false });
  const pipeline = replay ? await startReplayPipeline(pipelineConfig, { workers }) : null;
  const progress = progressLine(opts.progress);
  const started = performance.now();
  try {
    const report = await auditSplitter(client, {
      splitter: opts.splitter as Address,
      fromBlock,
      toBlock,
      pageSize,
      checkpoint,
      store,
      replay: pipeline ? { pipeline, viewKey } : null,
      viewKey,
      keyGrants: opts.keyGrant,
      readerRegistry,
      onProgress: progress,
      onPage: opts.checkpoint
        ? (history) => {
            writeFileSync(`${opts.checkpoint}.partial`, serializeCheckpoint(history));
            renameSync(`${opts.checkpoint}.partial`, opts.checkpoint!);
          }
        : undefined,
    });
    progress.end();
    const seconds = (performance.now() - started) / 1000;
    const calls = `${counter.total()} RPC calls (${counter.describe()})`;
    console.log(formatReport(report, { asset: await assetUnits(client, report) }));
    console.log(`${seconds.toFixed(1)} s, ${calls}`);
    if (opts.json) {
      const out = { ...report, rpc: { calls: counter.total(), byMethod: Object.fromEntries(counter.byMethod) } };
      writeFileSync(opts.json, `${JSON.stringify(out, null, 2)}\n`);
      console.log(`wrote ${opts.json}`);
    }
    return EXIT_CODES[report.verdict];
  } finally {
    progress.end();
    await pipeline?.close();
    await store?.close();
  }
}

export function registerAudit(program: Command): void {
  program
    .command("audit")
    .description("check a revenue program from public data: logs, views, signatures, payouts, solvency, manifests (with the chain's reader key registry, the key envelopes; with a view key, a replay)")
    .option("--rpc <url>", RPC_OPTION_HELP)
    .option("--splitter <address>", "the RevenueSplitter to audit")
    .option("--gateway <url>", `where the manifests are: an ${STORE_SOURCE_HELP.gateway}`)
    .option("--ipfs <url>", `or a ${STORE_SOURCE_HELP.ipfs}`)
    .option("--store <dir>", `or ${STORE_SOURCE_HELP.store}`)
    .option("--replay", "re-run the pipeline over every submission's data (the default with --view-key; clear-text data needs no key)")
    .option("--no-replay", "do not replay even with a view key (the counts are then not verified: exit code 3)")
    .option("--view-key <file>", "the auditor's reader key: a 1tt/keystore@1 file (passphrase in VIEW_KEY_PASSPHRASE) or 32 bytes of hex; turns the replay on")
    .option("--view-key-passphrase-file <file>", "file holding the keystore's passphrase")
    .option("--key-grant <cid>", "a key grant (1tt/key-grant@1) that re-wrapped past submissions for the view key (repeatable)", (cid: string, all: string[]) => [...all, cid], [] as string[])
    .option("--pipeline-config <file>", "the pipeline configuration to replay with (default: the default pipeline)")
    .option("--workers <n>", "pipeline worker threads for the replay", String(Math.max(1, Math.min(availableParallelism(), 8))))
    .option("--json <file>", "also write the full report as JSON")
    .option("--from-block <n>", "first block to read logs from (default: the splitter's deployment block, found by bisection)")
    .option("--to-block <n>", "last block to audit (default: the latest)")
    .option("--page-size <n>", "blocks per eth_getLogs request (halved when the endpoint refuses a page)", String(LOG_BLOCK_RANGE))
    .option("--checkpoint <file>", "save the log scan after every page and resume from it when the file exists")
    .option("--reader-registry <address>", "the chain's ReaderKeyRegistry: check that every key envelope lists the reader keys published there")
    .option("--reader-registry-from-block <n>", "first block of the registry's logs (default: its deployment block, found by bisection)")
    .option("--no-progress", "do not draw the progress line")
    .exitOverride((err: CommanderError) => {
      // Commander's own errors (unknown option, missing argument) are usage errors.
      process.exit(err.exitCode === 0 ? 0 : 2);
    })
    .action(async (opts: AuditOptions) => {
      try {
        process.exitCode = await audit(opts);
      } catch (e) {
        if (e instanceof UsageError || e instanceof ConfigError || e instanceof AuditError || e instanceof StoreError || e instanceof CryptoError) {
          console.error(`1tt audit: ${e.message}`);
          process.exitCode = meaningOf(e.code).exit;
          return;
        }
        const err = e as { shortMessage?: string; message?: string };
        console.error(`1tt audit: the audit could not run: ${err.shortMessage ?? err.message ?? String(e)}`);
        process.exitCode = 1;
      }
    });
}

/** The asset's symbol and decimals at the audited block, to print amounts in its unit; none when it does not answer them. */
async function assetUnits(client: PublicClient, report: AuditReport): Promise<AssetUnits | undefined> {
  const asset = report.checks.find((c) => c.id === "solvency")?.figures.asset;
  if (typeof asset !== "string" || !isAddress(asset)) return undefined;
  const read = { address: asset, abi: erc20Abi, blockNumber: BigInt(report.block) } as const;
  try {
    const [symbol, decimals] = await Promise.all([client.readContract({ ...read, functionName: "symbol" }), client.readContract({ ...read, functionName: "decimals" })]);
    return { symbol, decimals };
  } catch {
    return undefined; // not every asset has a symbol: the amounts stay in units
  }
}
