// `1tt node`: runs one committee member on its own machine: its signer key, its state folder,
// its content-store access, its pipeline. It follows the splitter's attestations (catching up
// after being offline), answers the leader's signed co-signing requests over HTTP, and stops
// cleanly on SIGINT/SIGTERM. Exit code 2 for a usage error, 1 when it cannot start.
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { CommanderError, type Command } from "commander";
import { createPublicClient, defineChain, getAddress, isAddress, type PublicClient } from "viem";
import { loadAccountFromEnv } from "../attest/index.ts";
import { readViewKeyFile } from "../audit/node/view-key.ts";
import { MirrorStore } from "../committee/mirror-store.ts";
import { CommitteeNode } from "../committee/node.ts";
import { startNodeServer } from "../committee/server.ts";
import { readerKeyFromPrivateKey } from "../crypto/index.ts";
import { parseRpcUrls, rpcTransport } from "../protocol/rpc-transport.ts";
import { checkRpcOption, RPC_OPTION_HELP } from "./rpc-option.ts";
import { EmbeddedStore } from "../store/index.ts";
import { loadConfigFile, type PipelineConfig } from "../pipeline/config.ts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { openStoreSource, STORE_SOURCE_HELP } from "./store-source.ts";
import { UsageError } from "./usage.ts";
import { meaningOf } from "../protocol/error-codes.ts";
import { OneTTError } from "../protocol/errors.ts";

interface NodeOptions {
  rpc?: string;
  chainId: string;
  splitter?: string;
  keystore?: string;
  passwordFile?: string;
  readerKey?: string;
  state: string;
  gateway?: string;
  ipfs?: string;
  store?: string;
  pipelineConfig?: string;
  workers: string;
  host: string;
  port: string;
  maxTtl: string;
  follow: string;
  copy: boolean;
  fromBlock: string;
}

function whole(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}

async function run(opts: NodeOptions): Promise<void> {
  if (!opts.rpc) throw new UsageError("--rpc <url> is required: the node reads the committee and the attestations from the chain");
  checkRpcOption(opts.rpc);
  if (!opts.splitter || !isAddress(opts.splitter, { strict: false })) throw new UsageError(`--splitter must be the program's RevenueSplitter address (got "${opts.splitter ?? ""}")`);
  const splitter = getAddress(opts.splitter);
  const chainId = whole("--chain-id", opts.chainId, 1, Number.MAX_SAFE_INTEGER);
  const port = whole("--port", opts.port, 0, 65535);
  const maxTtlSeconds = whole("--max-ttl", opts.maxTtl, 60, 365 * 86400);
  const followSeconds = whole("--follow", opts.follow, 0, 86400);
  const workerCount = whole("--workers", opts.workers, 1, 64);
  if (!/^\d+$/.test(opts.fromBlock)) throw new UsageError(`--from-block must be a block number (got "${opts.fromBlock}")`);
  // The signer key: --keystore (password from --password-file or ORACLE_SIGNER_PASSWORD), or the ORACLE_SIGNER_* variables.
  const env: Record<string, string | undefined> = { ...process.env, ...(opts.keystore ? { ORACLE_SIGNER_KEYSTORE: opts.keystore } : {}), ...(opts.passwordFile ? { ORACLE_SIGNER_PASSWORD_FILE: opts.passwordFile } : {}) };
  if (!env.ORACLE_SIGNER_KEYSTORE && !env.ORACLE_SIGNER_PRIVATE_KEY) throw new UsageError("give the member's signer key: --keystore <file> (with --password-file or ORACLE_SIGNER_PASSWORD), or ORACLE_SIGNER_PRIVATE_KEY for development");
  const signer = await loadAccountFromEnv("ORACLE_SIGNER", env);
  const readerKey = opts.readerKey ? readerKeyFromPrivateKey(await readViewKeyFile(opts.readerKey)) : undefined;
  const config: PipelineConfig = opts.pipelineConfig ? loadConfigFile(opts.pipelineConfig) : {};
  const source = (await openStoreSource(opts, { required: true }))!;
  // Its own copy of everything it verified, in its state folder (see mirror-store.ts).
  const store = opts.copy && opts.store === undefined ? new MirrorStore(source, await EmbeddedStore.open(join(resolve(opts.state), "ipfs"))) : source;
  const chain = defineChain({ id: chainId, name: `chain ${chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: parseRpcUrls(opts.rpc) } } });
  const client = createPublicClient({ chain, transport: rpcTransport(opts.rpc) }) as PublicClient;
  const workers = await PipelineWorkers.start(config, workerCount);
  const node = CommitteeNode.open({ signer, chainId, splitter, client, store, pipelineConfig: config, workers, stateDir: resolve(opts.state), maxTtlSeconds, readerKey, fromBlock: BigInt(opts.fromBlock) });
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  const server = await startNodeServer({ node, signer, chainId, splitter, client, host: opts.host, port, log });
  const status = node.status();
  console.log(`1tt node ${signer.address} listening on ${server.url} (pipeline ${status.pipeline}; ${status.verified} submissions verified; state ${resolve(opts.state)})`);

  const follow = async () => {
    try {
      const caught = await node.catchUp();
      if (caught > 0) log(`caught up: ${caught} submissions verified, now ${node.status().verified}`);
    } catch (e) {
      log(`following the chain: ${(e as Error).message.split("\n").join(" ")}`);
    }
  };
  void follow();
  const timer = followSeconds > 0 ? setInterval(() => void follow(), followSeconds * 1000) : null;

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (timer) clearInterval(timer);
    await server.close();
    await node.close();
    await workers.close();
    await store.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

export function registerNode(program: Command): void {
  program
    .command("node")
    .description("run one committee member: follow the program's manifest chain, replay every submission with this member's own pipeline and key, and co-sign only what it computed")
    .option("--rpc <url>", RPC_OPTION_HELP)
    .option("--chain-id <n>", "the chain's id", "31337")
    .option("--splitter <address>", "the program's RevenueSplitter")
    .option("--keystore <file>", "the member's signer keystore (Web3 v3); or ORACLE_SIGNER_KEYSTORE / ORACLE_SIGNER_PRIVATE_KEY")
    .option("--password-file <file>", "file holding the keystore's password (or ORACLE_SIGNER_PASSWORD)")
    .option("--reader-key <file>", "the reader key it published in the ReaderKeyRegistry, when not the one its signer key derives (1tt/keystore@1 or hex)")
    .option("--state <dir>", "this member's own state folder (node.db and its dedup state)", ".1tt/node")
    .option("--gateway <url>", `where submissions are read: an ${STORE_SOURCE_HELP.gateway}`)
    .option("--ipfs <url>", `or a ${STORE_SOURCE_HELP.ipfs}`)
    .option("--store <dir>", `or ${STORE_SOURCE_HELP.store}`)
    .option("--pipeline-config <file>", "this member's pipeline configuration (default: the default pipeline); it must give the manifests' pipeline id")
    .option("--workers <n>", "pipeline worker threads", String(Math.max(1, Math.min(availableParallelism() - 1, 8))))
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <n>", "port to listen on (0 picks a free one)", "8790")
    .option("--max-ttl <seconds>", "the longest validity of an attestation it signs", String(8 * 86400))
    .option("--from-block <n>", "the splitter's deployment block: where it reads attestations from when catching up", "0")
    .option("--no-copy", "do not keep its own copy of the manifests and ciphertext it verified (in <state>/ipfs; needed to take over as leader)")
    .option("--follow <seconds>", "how often it reads the chain's latest attestations and catches up (0: only when asked)", "30")
    .exitOverride((err: CommanderError) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (opts: NodeOptions) => {
      try {
        await run(opts);
      } catch (e) {
        console.error(`1tt node: ${(e as Error).message}`);
        process.exit(e instanceof OneTTError ? meaningOf(e.code).exit : 1);
      }
    });
}
