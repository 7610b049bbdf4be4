// How the indexer is started: Ponder's `start` over this folder, on loopback unless told otherwise,
// with its telemetry off (the indexer reports to no one). npm start, the browser tests' set-up,
// the deployment rehearsal and the indexer's own test all start it from here.
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fetchIndexedBlock } from "../oracle/protocol/indexer-api.ts";
import { indexerDataDir } from "./settings.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
// The package exports no bin path: its entry is dist/esm/index.js, the CLI sits beside it.
const PONDER_BIN = join(dirname(fileURLToPath(import.meta.resolve("ponder"))), "bin/ponder.js");

export interface IndexerCommand {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** The command line of an indexer serving on host:port, configured by `env` (indexer/settings.ts). */
export function indexerCommand(env: NodeJS.ProcessEnv, port: number, hostname = "127.0.0.1"): IndexerCommand {
  return {
    command: process.execPath,
    args: [PONDER_BIN, "--root", HERE, "--log-format", "json", "--log-level", env.INDEXER_LOG_LEVEL || "info", "start", "--schema", env.INDEXER_DATABASE_SCHEMA || "indexer", "--port", String(port), "--hostname", hostname],
    // Ponder writes its generated GraphQL schema under its working directory: keep it in here.
    cwd: HERE,
    env: { ...env, INDEXER_DATA_DIR: resolve(indexerDataDir(env)), PONDER_TELEMETRY_DISABLED: "true" },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves once the indexer has read the chain up to `throughBlock` (Ponder's /ready answers 200
 * once its historical sync is done, which stops short of the last blocks; /status tells the rest);
 * rejects with the reason when the process exits first or the time is up.
 */
export async function waitForIndexer(url: string, options: { timeoutMs: number; throughBlock?: bigint; exited?: () => string | null }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    const exit = options.exited?.();
    if (exit !== null && exit !== undefined) throw new Error(`the indexer exited (${exit}) before it was ready`);
    try {
      const res = await fetch(new URL("/ready", url));
      if (res.ok) {
        const indexed = await fetchIndexedBlock(url);
        if (options.throughBlock === undefined || (indexed !== null && indexed >= options.throughBlock)) return;
        last = `indexed through block ${indexed}, waiting for ${options.throughBlock}`;
      } else last = `/ready answered ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(200);
  }
  throw new Error(`the indexer at ${url} was not ready within ${options.timeoutMs / 1000} s (${last})`);
}

export interface RunningIndexer {
  url: string;
  child: ChildProcess;
  /** What it printed, for a failure's message. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts an indexer as a child in its own process group and waits until it is ready. */
export async function startIndexer(env: NodeJS.ProcessEnv, port: number, options: { timeoutMs?: number; throughBlock?: bigint } = {}): Promise<RunningIndexer> {
  const { command, args, cwd, env: childEnv } = indexerCommand(env, port);
  const child = spawn(command, args, { cwd, env: childEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-child.pid!, "SIGTERM");
    const killed = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
    if (killed) {
      process.kill(-child.pid!, "SIGKILL");
      await exited;
    }
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForIndexer(url, {
      timeoutMs: options.timeoutMs ?? 120_000,
      throughBlock: options.throughBlock,
      exited: () => (child.exitCode !== null || child.signalCode !== null ? String(child.exitCode ?? child.signalCode) : null),
    });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output.trim().split("\n").slice(-15).join("\n")}`);
  }
  return { url, child, output: () => output, stop };
}
