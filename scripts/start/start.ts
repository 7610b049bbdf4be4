// `npm start`: the whole platform on this machine. A local Hardhat chain, the contracts deployed
// with Ignition (with the consumer's and the committee members' reader keys published in the
// ReaderKeyRegistry, where the oracle reads them), a 2-of-3 committee as three processes (the
// oracle as leader and two `1tt node` members, each with its own keystore, state folder and
// port, reading submissions through the oracle's /ipfs), the dApp built with the addresses baked
// in and served, and (unless --no-seed / SEED=0) a seeded demonstration. Ctrl-C stops everything it started. `node scripts/start/start.ts --help`
// lists the settings.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createPublicClient, createWalletClient, defineChain, http, parseEther, type Address } from "viem";
import { revenueSplitterAbi } from "../../oracle/protocol/abi.ts";
import { programEnv, ROOT } from "../deploy/deployments.ts";
import { indexerCommand, waitForIndexer } from "../../indexer/launch.ts";
import { ALL_ACCOUNTS, CONSUMER, CONTRIBUTORS, OWNER } from "./accounts.ts";
import { auditCommand } from "../../oracle/audit/command.ts";
import { auditorKey } from "./auditor-key.ts";
import { committeeKey } from "./committee-key.ts";
import { deployLocal } from "./deploy-local.ts";
import { assertPortsFree } from "./ports.ts";
import { ProcessTable, tail, type Service } from "./processes.ts";
import { publishLocalReaderKeys } from "./reader-keys.ts";
import { fmt, seedDemo, type SeedResult } from "./seed.ts";

const ALPHA_BPS = 2_000; // α = 20 % of gross revenue goes to contributors
const CHAIN_ID = 31337;

const HELP = `npm start [-- --no-seed]: runs 1TT locally (chain, contracts, oracle, dApp, demonstration)

Settings (environment variables):
  CHAIN_PORT              local chain's JSON-RPC port (default 8545)
  ORACLE_PORT             oracle's HTTP port (default 8787)
  MEMBER_1_PORT           the first committee member's node (default 8790)
  MEMBER_2_PORT           the second committee member's node (default 8791)
  WEB_PORT                dApp's port (default 5173)
  INDEXER_PORT            the indexer's HTTP port (default 42069)
  STATE_DIR               where keys, data, logs and deployments go (default .1tt)
  SEED=0 / --no-seed      start without the demonstration
  COMMITTEE_KEY_PASSWORD  password of the local committee keystore (default: generated once,
                          stored beside it with mode 0600; local development only)
  PIPELINE_WORKERS        the oracle's pipeline threads (default 1 here)
Every start runs a new chain: contracts are deployed again (same addresses), the oracle's data is
cleared and the demonstration seeded again. The committee keys are kept.
`;

const { values: flags } = parseArgs({ options: { "no-seed": { type: "boolean" }, help: { type: "boolean", short: "h" } } });
if (flags.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

function port(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 65535) fail(`${name}=${JSON.stringify(raw)} is not a port (1-65535)`);
  return n;
}

function fail(message: string): never {
  process.stderr.write(`\n✗ ${message}\n`);
  process.exit(1);
}

const stateDir = resolve(process.env.STATE_DIR?.trim() || join(ROOT, ".1tt"));
const ports = { chain: port("CHAIN_PORT", 8545), oracle: port("ORACLE_PORT", 8787), web: port("WEB_PORT", 5173), member1: port("MEMBER_1_PORT", 8790), member2: port("MEMBER_2_PORT", 8791), indexer: port("INDEXER_PORT", 42069) };
if (new Set(Object.values(ports)).size !== 6) fail(`CHAIN_PORT, ORACLE_PORT, WEB_PORT, MEMBER_1_PORT, MEMBER_2_PORT and INDEXER_PORT must differ (got ${Object.values(ports).join(", ")})`);
const seed = !flags["no-seed"] && process.env.SEED?.trim() !== "0";
const show = (p: string) => (p.startsWith(ROOT) ? relative(ROOT, p) || "." : p);

const dirs = { run: join(stateDir, "run"), logs: join(stateDir, "logs"), oracle: join(stateDir, "oracle"), ipfs: join(stateDir, "ipfs"), ignition: join(stateDir, "ignition"), web: join(stateDir, "web"), nodes: join(stateDir, "nodes"), indexer: join(stateDir, "indexer") };
const urls = { rpc: `http://127.0.0.1:${ports.chain}`, oracle: `http://127.0.0.1:${ports.oracle}`, web: `http://127.0.0.1:${ports.web}`, indexer: `http://127.0.0.1:${ports.indexer}` };
const logs = { build: join(dirs.logs, "build.log"), chain: join(dirs.logs, "chain.log"), oracle: join(dirs.logs, "oracle.log"), web: join(dirs.logs, "web.log"), member1: join(dirs.logs, "member-1.log"), member2: join(dirs.logs, "member-2.log"), indexer: join(dirs.logs, "indexer.log") };

// ---- one start per state folder; leftovers of a killed start are stopped first
mkdirSync(dirs.run, { recursive: true });
mkdirSync(dirs.logs, { recursive: true });
const lockFile = join(dirs.run, "start.pid");
if (existsSync(lockFile)) {
  const other = Number(readFileSync(lockFile, "utf8").trim());
  let alive = false;
  try {
    alive = other !== process.pid && other > 0 && (process.kill(other, 0), readFileSync(`/proc/${other}/cmdline`, "utf8").includes("start"));
  } catch {
    alive = false;
  }
  if (alive) fail(`another npm start (pid ${other}) is running with the state folder ${show(stateDir)}: stop it first, or use another STATE_DIR`);
}
writeFileSync(lockFile, `${process.pid}\n`);

const table = new ProcessTable(dirs.run);
let stopping = false;
let firstSignalAt = 0;

async function shutdown(code: number, why?: string): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (why) process.stdout.write(`\n${why}\n`);
    await table.stopAll(35_000, (l) => process.stdout.write(`  ${l}\n`));
    rmSync(join(dirs.run, "platform.json"), { force: true });
    rmSync(lockFile, { force: true });
    process.stdout.write(code === 0 ? "stopped; nothing left running.\n" : "");
    process.exit(code);
  }
  return new Promise<never>(() => {});
}

const onSignal = (signal: string) => {
  const now = Date.now();
  // npm forwards the terminal's Ctrl-C to this process, which also gets it directly: one press
  // arrives twice within milliseconds. A press later than that forces.
  if (stopping && now - firstSignalAt > 1_500) {
    process.stdout.write("\nforced: killing every service now\n");
    table.killAll();
    rmSync(lockFile, { force: true });
    process.exit(130);
  }
  if (stopping) return;
  firstSignalAt = now;
  void shutdown(0, `${signal}: stopping 1TT (Ctrl-C again to force)`);
};
process.on("SIGINT", () => onSignal("SIGINT"));
process.on("SIGTERM", () => onSignal("SIGTERM"));
process.on("SIGHUP", () => onSignal("SIGHUP"));

// ---- progress
const STAGES = seed ? 12 : 11;
let stageNo = 0;
async function stage<T>(title: string, run: () => Promise<T>, done?: (value: T) => string): Promise<T> {
  stageNo += 1;
  const started = Date.now();
  process.stdout.write(`[${stageNo}/${STAGES}] ${title}…\n`);
  try {
    const value = await run();
    if (stopping) return new Promise<T>(() => {});
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`      ✓ ${done ? done(value) : "done"} (${secs} s)\n`);
    return value;
  } catch (e) {
    if (stopping) return new Promise<T>(() => {});
    process.stderr.write(`      ✗ ${title} failed: ${(e as Error).message}\n`);
    return shutdown(1, "stopping what was started…");
  }
}
const say = (line: string) => process.stdout.write(`      · ${line}\n`);

// ---- services
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const node = process.execPath;
const bin = (pkg: string, path: string) => join(ROOT, "node_modules", pkg, path);

async function waitFor(service: Service, what: string, ready: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: number | string | undefined;
  void service.exited.then((c) => (exit = c));
  while (Date.now() < deadline) {
    if (exit !== undefined) throw new Error(`the ${service.name} exited (${exit}) before ${what}; the end of ${show(service.log)}:\n${tail(service.log)}`);
    if (await ready().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`the ${service.name} did not ${what} within ${timeoutMs / 1000} s; see ${show(service.log)}:\n${tail(service.log)}`);
}

/** Runs a command to completion, output to a log; throws with the log's end on failure. */
async function runToEnd(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, log: string): Promise<void> {
  const s = table.start(name, command, args, { cwd: ROOT, env, log });
  const code = await s.exited;
  table.services.splice(table.services.indexOf(s), 1);
  if (code !== 0) throw new Error(`${name} exited with ${code}; the end of ${show(log)}:\n${tail(log)}`);
}

const rpc = async (method: string, params: unknown[] = []): Promise<unknown> => {
  const res = await fetch(urls.rpc, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
};

// Logs of the previous start are kept once, as *.previous.log.
for (const path of Object.values(logs)) if (existsSync(path)) renameSync(path, path.replace(/\.log$/, ".previous.log"));

process.stdout.write(`1TT: starting the platform (state in ${show(stateDir)}, logs in ${show(dirs.logs)})\n`);

await stage("Checking ports", async () => {
  await table.stopLeftovers(say);
  await assertPortsFree([
    { port: ports.chain, what: "the local chain", variable: "CHAIN_PORT" },
    { port: ports.oracle, what: "the oracle", variable: "ORACLE_PORT" },
    { port: ports.web, what: "the dApp", variable: "WEB_PORT" },
    { port: ports.member1, what: "the first committee member", variable: "MEMBER_1_PORT" },
    { port: ports.member2, what: "the second committee member", variable: "MEMBER_2_PORT" },
    { port: ports.indexer, what: "the indexer", variable: "INDEXER_PORT" },
  ]);
}, () => `chain ${ports.chain}, oracle ${ports.oracle}, dApp ${ports.web}, members ${ports.member1} and ${ports.member2}, indexer ${ports.indexer} are free`);

await stage("Building the contracts", () => runToEnd("contract build", node, [bin("hardhat", "dist/src/cli.js"), "build", "--quiet"], process.env, logs.build), () => "artifacts up to date");

const chainService = await stage("Starting the local chain", async () => {
  const s = table.start("chain", node, [bin("hardhat", "dist/src/cli.js"), "node", "--hostname", "127.0.0.1", "--port", String(ports.chain)], { cwd: ROOT, env: process.env, log: logs.chain });
  await waitFor(s, `answer on ${urls.rpc}`, async () => Number(await rpc("eth_chainId")) === CHAIN_ID);
  return s;
}, () => `Hardhat node on ${urls.rpc} (chain id ${CHAIN_ID})`);

const [committee, ...memberKeys] = await stage("Loading the committee keys", async () => {
  const password = process.env.COMMITTEE_KEY_PASSWORD || undefined;
  return [await committeeKey(stateDir, password), await committeeKey(stateDir, password, "member-1"), await committeeKey(stateDir, password, "member-2")];
}, (keys) => keys.map((k) => `${k.created ? "generated" : "reused"} ${k.account.address} (${show(k.keystorePath)})`).join("; "));
const auditor = await stage("Loading the auditor's view key", () => auditorKey(stateDir), (k) => `${k.created ? "generated" : "reused"} ${k.publicKey} (${show(k.keystorePath)})`);
const committeeSigners = [committee!.account.address, ...memberKeys.map((k) => k.account.address)];
const THRESHOLD = 2;

const chain = defineChain({ id: CHAIN_ID, name: "1TT local", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [urls.rpc] } } });
const publicClient = createPublicClient({ chain, transport: http(urls.rpc), pollingInterval: 100 });

const deployed = await stage("Deploying TestUSD, the factory and a program with Ignition", async () => {
  const d = await deployLocal(urls.rpc, dirs.ignition, { alphaBps: ALPHA_BPS, signers: committeeSigners, threshold: THRESHOLD, owner: OWNER.account.address });
  // The committee key posts its own attestations (it is also the relayer): give it gas money.
  const wallet = createWalletClient({ chain, transport: http(urls.rpc), account: OWNER.account });
  await publicClient.waitForTransactionReceipt({ hash: await wallet.sendTransaction({ to: committee!.account.address, value: parseEther("100") }) });
  if (!d.readerRegistry) throw new Error(`Ignition deployed the program but ${dirs.ignition} records no ReaderKeyRegistry`);
  const readerKeys = await publishLocalReaderKeys({ chain, rpcUrl: urls.rpc, registry: d.readerRegistry, program: d.program, owner: OWNER.account, consumer: CONSUMER.account, committee: [committee!.account, ...memberKeys.map((k) => k.account)], auditor: auditor.publicKey });
  return { ...d, readerRegistry: d.readerRegistry, readerKeys };
}, (d) => `program ${d.program}, α ${ALPHA_BPS / 100}%, reader keys published in ${d.readerRegistry} (recorded in ${show(join(dirs.ignition, "deployments", `chain-${CHAIN_ID}`))})`);

// The dApp build needs only the addresses: it runs while the oracle starts and the demo is seeded.
rmSync(dirs.web, { recursive: true, force: true });
// The oracle and the dApp take the addresses from Ignition's record, as on a real network.
const recorded = programEnv(dirs.ignition, CHAIN_ID);
const webEnv: NodeJS.ProcessEnv = {
  ...process.env,
  VITE_RPC_URL: urls.rpc,
  VITE_CHAIN_ID: recorded.VITE_CHAIN_ID,
  VITE_SPLITTER_ADDRESS: recorded.VITE_SPLITTER_ADDRESS,
  VITE_FACTORY_ADDRESS: recorded.VITE_FACTORY_ADDRESS,
  VITE_READER_REGISTRY_ADDRESS: recorded.VITE_READER_REGISTRY_ADDRESS,
  VITE_FROM_BLOCK: recorded.VITE_FROM_BLOCK,
  VITE_INDEXER_URL: urls.indexer,
  ORACLE_PROXY_TARGET: urls.oracle,
  // The auditor page suggests the replay command with this machine's auditor keystore, as printed below.
  VITE_AUDIT_GATEWAY: urls.oracle,
  VITE_AUDITOR_KEYSTORE: auditor.keystorePath,
  VITE_AUDITOR_PASSPHRASE_FILE: auditor.passphrasePath,
};
const webBuild = runToEnd("dApp build", node, [bin("vite", "bin/vite.js"), "build", "--config", "frontend/vite.config.ts", "--outDir", dirs.web, "--emptyOutDir", "--logLevel", "warn"], webEnv, logs.build);
webBuild.catch(() => {}); // awaited (and reported) in its stage

// The indexer reads the chain from the deployment record, like the oracle; its database refers to
// the previous chain. It starts now and is awaited before the dApp is served.
rmSync(dirs.indexer, { recursive: true, force: true });
const indexerStart = indexerCommand(
  { ...process.env, CHAIN_ID: recorded.CHAIN_ID, INDEXER_RPC_URL: urls.rpc, INDEXER_FACTORY_ADDRESS: recorded.INDEXER_FACTORY_ADDRESS, INDEXER_FROM_BLOCK: recorded.INDEXER_FROM_BLOCK, INDEXER_DATA_DIR: dirs.indexer, INDEXER_POLLING_MS: process.env.INDEXER_POLLING_MS ?? "500" },
  ports.indexer,
);
const indexerService = table.start("indexer", indexerStart.command, indexerStart.args, { cwd: indexerStart.cwd, env: indexerStart.env, log: logs.indexer });

// The members come first: the oracle asks them to co-sign from its first submission on.
const memberUrls = [`http://127.0.0.1:${ports.member1}`, `http://127.0.0.1:${ports.member2}`];
const memberServices = await stage("Starting the committee members", async () => {
  // Their state (verified manifests, dedup) refers to the previous chain.
  rmSync(dirs.nodes, { recursive: true, force: true });
  const started: Service[] = [];
  for (const [i, key] of memberKeys.entries()) {
    const s = table.start(`committee member ${i + 1}`, node, [
      "--disable-warning=ExperimentalWarning", join(ROOT, "oracle/cli/1tt.ts"), "node",
      "--rpc", urls.rpc, "--chain-id", recorded.CHAIN_ID, "--splitter", recorded.SPLITTER_ADDRESS,
      "--state", join(dirs.nodes, `member-${i + 1}`), "--gateway", urls.oracle,
      "--host", "127.0.0.1", "--port", String(i === 0 ? ports.member1 : ports.member2), "--workers", "1", "--follow", "5", "--from-block", recorded.VITE_FROM_BLOCK,
    ], { cwd: ROOT, log: i === 0 ? logs.member1 : logs.member2, env: { ...process.env, ...key.oracleEnv } });
    started.push(s);
  }
  for (const [i, s] of started.entries()) await waitFor(s, `answer on ${memberUrls[i]}/status`, async () => (await fetch(`${memberUrls[i]}/status`)).ok);
  return started;
}, () => memberKeys.map((k, i) => `${k.account.address} on ${memberUrls[i]}`).join(", "));

const oracleService = await stage("Starting the oracle", async () => {
  // The oracle's jobs, dedup state, relayer log and content refer to the previous chain.
  rmSync(dirs.oracle, { recursive: true, force: true });
  rmSync(dirs.ipfs, { recursive: true, force: true });
  const s = table.start("oracle", node, ["--disable-warning=ExperimentalWarning", join(ROOT, "oracle/service/main.ts")], {
    cwd: ROOT,
    log: logs.oracle,
    env: {
      ...process.env,
      ORACLE_HOST: "127.0.0.1",
      ORACLE_PORT: String(ports.oracle),
      ORACLE_DATA_DIR: dirs.oracle,
      CONTENT_STORE_DIR: dirs.ipfs,
      ORACLE_PUBLIC_ORIGIN: urls.web,
      // The dApp's /oracle proxy runs on this machine and says which browser each request is from.
      ORACLE_TRUST_PROXY: "loopback",
      CHAIN_ID: recorded.CHAIN_ID,
      RPC_URL: urls.rpc,
      SPLITTER_ADDRESS: recorded.SPLITTER_ADDRESS,
      SPLITTER_FROM_BLOCK: recorded.SPLITTER_FROM_BLOCK,
      // The consumer's and the committee member's reader keys come from the registry, read at every submission.
      READER_REGISTRY_ADDRESS: recorded.READER_REGISTRY_ADDRESS,
      ...committee!.oracleEnv,
      ORACLE_COMMITTEE_MEMBERS: memberKeys.map((k, i) => `${k.account.address}=${memberUrls[i]}`).join(","),
      PIPELINE_WORKERS: process.env.PIPELINE_WORKERS ?? "1",
      ORACLE_SHUTDOWN_TIMEOUT_MS: process.env.ORACLE_SHUTDOWN_TIMEOUT_MS ?? "20000",
    },
  });
  await waitFor(s, `answer on ${urls.oracle}/health`, async () => (await fetch(`${urls.oracle}/health`)).ok);
  return s;
}, () => `${urls.oracle}, the committee's leader (embedded content store and database in ${show(stateDir)})`);

let seeded: SeedResult | null = null;
if (seed) {
  seeded = await stage("Seeding the demonstration", () => seedDemo({ rpcUrl: urls.rpc, oracleUrl: urls.oracle, splitter: deployed.program, testUsd: deployed.testUsd, say }),
    () => "three contributors attested, two deposits, one claim");
}

await stage("Starting the indexer", async () => {
  let exit: number | string | undefined;
  void indexerService.exited.then((c) => (exit = c));
  try {
    await waitForIndexer(urls.indexer, { timeoutMs: 120_000, throughBlock: await publicClient.getBlockNumber(), exited: () => (exit === undefined ? null : String(exit)) });
  } catch (error) {
    throw new Error(`${(error as Error).message}; the end of ${show(logs.indexer)}:\n${tail(logs.indexer)}`);
  }
}, () => `${urls.indexer} (Ponder; the dApp's history, earnings, deposits, claims and catalogue; GraphQL at /graphql)`);

await stage("Building the dApp", () => webBuild, () => `addresses baked in (${show(dirs.web)})`);

const webService = await stage("Serving the dApp", async () => {
  const s = table.start("dApp server", node, [bin("vite", "bin/vite.js"), "preview", "--config", "frontend/vite.config.ts", "--outDir", dirs.web, "--host", "127.0.0.1", "--port", String(ports.web), "--strictPort"], { cwd: ROOT, env: webEnv, log: logs.web });
  await waitFor(s, `answer on ${urls.web}`, async () => (await fetch(urls.web)).ok && (await fetch(`${urls.web}/oracle/health`)).ok);
  return s;
}, () => `${urls.web} (the oracle proxied under /oracle)`);

// ---- the summary, and a record for tools
const figures = async (a: Address) => {
  const [tokens, claimable, claimed] = await Promise.all(["tokensOf", "claimable", "claimed"].map((fn) =>
    publicClient.readContract({ address: deployed.program, abi: revenueSplitterAbi, functionName: fn as "tokensOf", args: [a] })));
  return { tokens: tokens!, claimable: claimable!, claimed: claimed! };
};
const rows: string[] = [];
for (const a of ALL_ACCOUNTS) {
  let extra = "";
  if (a.role === "contributor" && seeded) {
    const f = await figures(a.account.address);
    extra = `  ${f.tokens.toLocaleString("en")} tokens, claimable ${fmt(f.claimable)}, claimed ${fmt(f.claimed)} tUSD`;
  }
  rows.push(`  #${a.index} ${a.account.address}  ${a.label}\n     private key ${a.privateKey}${extra ? `\n    ${extra}` : ""}`);
}
const auditCommandLine = auditCommand({
  rpcUrl: urls.rpc,
  splitter: deployed.program,
  gateway: urls.oracle,
  readerRegistry: deployed.readerRegistry,
  viewKey: { keystore: auditor.keystorePath, passphraseFile: auditor.passphrasePath },
});
const platform = {
  pid: process.pid,
  chainId: CHAIN_ID,
  urls,
  contracts: { testUsd: deployed.testUsd, factory: deployed.factory, program: deployed.program, readerRegistry: deployed.readerRegistry },
  readerKeys: deployed.readerKeys,
  auditor: { publicKey: auditor.publicKey, keystore: auditor.keystorePath, passphraseFile: auditor.passphrasePath, command: auditCommandLine },
  alphaBps: ALPHA_BPS,
  committee: {
    signers: committeeSigners,
    threshold: THRESHOLD,
    keystore: committee!.keystorePath,
    members: memberKeys.map((k, i) => ({ address: k.account.address, url: memberUrls[i], keystore: k.keystorePath, state: join(dirs.nodes, `member-${i + 1}`) })),
  },
  accounts: ALL_ACCOUNTS.map((a) => ({ index: a.index, role: a.role, label: a.label, address: a.account.address })),
  seeded: seeded !== null,
  services: table.services.map((s) => ({ name: s.name, pid: s.pid, log: s.log })),
  logs,
};
writeFileSync(join(dirs.run, "platform.json"), JSON.stringify(platform, null, 2) + "\n");

process.stdout.write(`
1TT is running.

  dApp     ${urls.web}/
  oracle   ${urls.oracle}  (API, OpenAPI at /openapi.json; the dApp reaches it under /oracle)
  indexer  ${urls.indexer}  (every program's events: /programs, /programs/<address>/events, /graphql)
  chain    ${urls.rpc}  (chain id ${CHAIN_ID})

  TestUSD  ${deployed.testUsd}
  factory  ${deployed.factory}
  program  ${deployed.program}  α ${ALPHA_BPS / 100}%, committee ${THRESHOLD} of ${committeeSigners.length}:
    leader    ${committee!.account.address}  the oracle above
${memberKeys.map((k, i) => `    member ${i + 1}  ${k.account.address}  ${memberUrls[i]}/status  (state ${show(join(dirs.nodes, `member-${i + 1}`))})`).join("\n")}
  reader key registry  ${deployed.readerRegistry}  (the consumer's, the auditor's and the committee members' reader keys)

Auditor: the program's auditor key ${auditor.publicKey} is published in the registry, so every
submission is sealed for it. Its keystore is ${show(auditor.keystorePath)} (passphrase in ${show(auditor.passphrasePath)}).
Replay and check everything (exit code 0 only when every check ran and passed):
  ${auditCommandLine}

Funded test accounts (Hardhat's public test keys: never send real funds to them):
${rows.join("\n")}
  (#5–#19 of the same mnemonic hold 10,000 ETH each too)
${seeded ? `
Demonstration: ${CONTRIBUTORS.length} contributors uploaded and were attested, the consumer deposited ${seeded.deposits.map(fmt).join(" and ")} tUSD of revenue, ${CONTRIBUTORS[0]!.label} claimed ${fmt(seeded.claimed.amount)} tUSD.
` : ""}
Use an account in a browser wallet (MetaMask: Networks → Add a network manually: RPC URL ${urls.rpc},
chain id ${CHAIN_ID}, currency ETH; then Add account → Import account → paste a private key above).
Each start runs a new chain: after a restart, clear the wallet's activity for these accounts
(MetaMask: Settings → Advanced → Clear activity tab data) or it reuses old nonces.

Logs: ${show(dirs.logs)}/{chain,oracle,member-1,member-2,indexer,web,build}.log    Stop: Ctrl-C
`);

// A service that ends by itself ends the platform: say which, and where to look.
const services = [chainService, ...memberServices, oracleService, indexerService, webService];
const ended = await Promise.race(services.map((s) => s.exited.then((code) => ({ s, code }))));
if (!stopping) {
  await shutdown(1, `the ${ended.s.name} stopped by itself (${ended.code}); the end of ${show(ended.s.log)}:\n${tail(ended.s.log)}\nstopping the rest…`);
}
