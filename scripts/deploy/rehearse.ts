// `npm run rehearse:deploy`: a public deployment played through on this machine, step by step as
// docs/deploy.md describes it. A local chain stands in for Base Sepolia (its chain id, 84532, and
// its 2 s blocks), behind a JSON-RPC proxy with a free public endpoint's limits; the program is
// created with `deploy:program`, the oracle and the dApp are configured only from what
// `deploy:env` reads in the deployment record, a contributor uploads and the count is attested on
// chain, the indexer, also configured from the record alone, serves that attestation, and the
// explorer verification commands are printed. Its output is the checklist for the real thing.
import { execFile } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { createPublicClient, createWalletClient, defineChain, parseEther, type Address, type Hex } from "viem";
import { readerKeyFromWallet, encodePublicKey, generateReaderKey } from "../../oracle/crypto/index.ts";
import { waitForIndexer } from "../../indexer/launch.ts";
import { revenueSplitterAbi } from "../../oracle/protocol/abi.ts";
import { fetchProgramEvents } from "../../oracle/protocol/indexer-api.ts";
import { signInWithWallet, uploadAndWait } from "../../oracle/protocol/oracle-client.ts";
import { rpcTransport } from "../../oracle/protocol/rpc-transport.ts";
import { PublicRpcProxy } from "../../oracle/rpc/public-rpc-proxy.ts";
import { parseExposition, sampleSum } from "../../oracle/service/prometheus-text.ts";
import { CONSUMER, CONTRIBUTORS, OWNER } from "../start/accounts.ts";
import { committeeKey } from "../start/committee-key.ts";
import { demoDatasets } from "../start/datasets.ts";
import { freePort } from "../start/ports.ts";
import { ProcessTable, tail, type Service } from "../start/processes.ts";
import { publishLocalReaderKeys } from "../start/reader-keys.ts";
import { deploymentDir, ROOT, verifyCommands } from "./deployments.ts";
import { buildAndServeDapp, dappEnvFromRecord } from "./rehearse-dapp.ts";

const CHAIN_ID = 84532; // Base Sepolia
const BLOCK_MS = 2_000;
const run = promisify(execFile);
const node = process.execPath;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const show = (p: string) => relative(ROOT, p) || ".";
const started = Date.now();

const dir = resolve(process.env.STATE_DIR?.trim() || join(ROOT, ".1tt"), "rehearsal");
rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, "logs"), { recursive: true });
const ignitionDir = join(dir, "ignition");
const table = new ProcessTable(dir);
let proxy: PublicRpcProxy | null = null;
let deployProxy: PublicRpcProxy | null = null;

let stepNo = 0;
const step = (title: string) => process.stdout.write(`\n[${++stepNo}] ${title}\n`);
const say = (line: string) => process.stdout.write(`    ${line}\n`);
const indent = (text: string) => text.trimEnd().split("\n").map((l) => `    | ${l}`).join("\n") + "\n";

async function stop(code: number): Promise<never> {
  await table.stopAll(30_000, () => {});
  await proxy?.close();
  await deployProxy?.close();
  process.exit(code);
}
process.on("SIGINT", () => void stop(130));

async function waitFor(service: Service, what: string, ready: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`the ${service.name} exited before ${what}:\n${tail(service.log)}`);
    if (await ready().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`the ${service.name} did not ${what} within ${timeoutMs / 1000} s:\n${tail(service.log)}`);
}

/** Runs one of the project's npm scripts as its file, printing the command as a user types it. */
async function npmScript(typed: string, file: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  say(`$ ${typed}`);
  const { stdout } = await run(node, ["--disable-warning=ExperimentalWarning", file, ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 << 20 });
  return stdout;
}

try {
  process.stdout.write(`Rehearsal of a public deployment: chain id ${CHAIN_ID} (Base Sepolia), a block every ${BLOCK_MS / 1000} s, state in ${show(dir)}\n`);

  step("The network: a chain with Base Sepolia's id and block time (on the real network: your provider's URL)");
  const chainPort = await freePort();
  const chainUrl = `http://127.0.0.1:${chainPort}`;
  const chainService = table.start("chain", node, [join(ROOT, "node_modules/hardhat/dist/src/cli.js"), "node", "--hostname", "127.0.0.1", "--port", String(chainPort), "--chain-id", String(CHAIN_ID), "--chain-type", "op"], { cwd: ROOT, env: process.env, log: join(dir, "logs/chain.log") });
  const direct = createPublicClient({ transport: rpcTransport(chainUrl) });
  await waitFor(chainService, `answer on ${chainUrl}`, async () => (await direct.getChainId()) === CHAIN_ID);
  await direct.request({ method: "evm_setAutomine", params: [false] } as never);
  await direct.request({ method: "evm_setIntervalMining", params: [BLOCK_MS] } as never);
  say(`hardhat node on ${chainUrl}, chain id ${await direct.getChainId()}, interval mining ${BLOCK_MS} ms`);

  proxy = await PublicRpcProxy.start(chainUrl);
  const rpcUrl = proxy.url;
  const { maxBlockRange, maxResults, requestsPerSecond, failureRate } = proxy.limits;
  say(`public endpoint ${rpcUrl}: eth_getLogs at most ${maxBlockRange.toLocaleString("en")} blocks and ${maxResults.toLocaleString("en")} logs, ${requestsPerSecond} requests/s, ${failureRate * 100}% answered 429 or 503`);
  say("everything below reaches the chain only through it");
  const chain = defineChain({ id: CHAIN_ID, name: "Base Sepolia (rehearsal)", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } });
  const client = createPublicClient({ chain, transport: rpcTransport(rpcUrl), pollingInterval: 500 });

  step("Keys (on the real network: the deployer in the Hardhat keystore, the owner a multisig, each member's keystore on its own machine)");
  const committee = await committeeKey(dir, undefined, "committee");
  say(`deployer and owner ${OWNER.account.address}`);
  say(`committee key ${committee.account.address} (${show(committee.keystorePath)})`);

  step("Create the program (docs/deploy.md, section 2)");
  const deployArgs = ["--network", "localhost", "--asset", "testusd", "--alpha", "20%", "--signers", committee.account.address, "--threshold", "1", "--owner", OWNER.account.address, "--ignition-dir", ignitionDir, "--yes"];
  const typed = `npm run deploy:program -- ${deployArgs.join(" ").replace(ignitionDir, show(ignitionDir))}`;
  // Hardhat's HTTP provider waits out a 429 but not a 503, which stops an Ignition deployment, and
  // running it again then fails on Ignition's own invariant (HHE100). So the deployment goes
  // through an endpoint with the same limits but no injected failures: use a provider that does
  // not answer 503 at random (an API key's endpoint) for this step.
  deployProxy = await PublicRpcProxy.start(chainUrl, { failureRate: 0 });
  say(`through ${deployProxy.url}: the same limits, but no 429 or 503 answered at random`);
  process.stdout.write(indent(await npmScript(typed, "scripts/deploy/create-program.ts", deployArgs, { RPC_URL: deployProxy.url })));

  // Not before: Ignition refuses to start while the deployer has transactions under 5 confirmations.
  const funder = createWalletClient({ chain, transport: rpcTransport(rpcUrl), account: OWNER.account });
  await client.waitForTransactionReceipt({ hash: await funder.sendTransaction({ to: committee.account.address, value: parseEther("1") }) });
  say(`the committee key got 1 ETH: it also pays for posting attestations (ORACLE_RELAYER_* sets another payer)`);

  step("Read the settings from the deployment record (section 5)");
  const envText = await npmScript(`npm run --silent deploy:env -- --chain-id ${CHAIN_ID} --ignition-dir ${show(ignitionDir)}`, "scripts/deploy/env.ts", ["--chain-id", String(CHAIN_ID), "--ignition-dir", ignitionDir]);
  process.stdout.write(indent(envText));
  const recorded = Object.fromEntries(envText.trim().split("\n").map((l) => l.split(/=(.*)/s, 2) as [string, string]));
  const program = recorded.SPLITTER_ADDRESS as Address;

  step("Publish the reader keys (section 6): the owner sets the consumer's and the auditor's, the committee member its own");
  const keys = await publishLocalReaderKeys({
    chain, rpcUrl, registry: recorded.READER_REGISTRY_ADDRESS as Address, program, owner: OWNER.account, consumer: CONSUMER.account,
    committee: [committee.account], auditor: encodePublicKey(generateReaderKey().publicKey),
  });
  say(`consumer ${keys.consumer}, auditor ${keys.auditor}, committee ${keys.committee.join(", ")}`);

  step("Start the oracle, configured from the record, the public endpoint and its keystore only");
  const oraclePort = await freePort();
  const oracleUrl = `http://127.0.0.1:${oraclePort}`;
  const oracleEnv: Record<string, string> = {
    ...Object.fromEntries(Object.entries(recorded).filter(([k]) => !k.startsWith("VITE_") && !k.startsWith("INDEXER_"))),
    RPC_URL: rpcUrl,
    ...committee.oracleEnv,
    ORACLE_PORT: String(oraclePort),
    ORACLE_DATA_DIR: join(dir, "oracle"),
    CONTENT_STORE_DIR: join(dir, "ipfs"),
    PIPELINE_WORKERS: "1",
  };
  for (const [k, v] of Object.entries(oracleEnv)) say(`${k}=${v.startsWith(dir) ? show(v) : v}`);
  const oracle = table.start("oracle", node, ["--disable-warning=ExperimentalWarning", join(ROOT, "oracle/service/main.ts")], { cwd: ROOT, env: { ...process.env, ...oracleEnv }, log: join(dir, "logs/oracle.log") });
  await waitFor(oracle, `answer on ${oracleUrl}/health`, async () => (await fetch(`${oracleUrl}/health`)).ok);
  say(`$ curl ${oracleUrl}/health → ok`);

  step("Build and serve the dApp from the record and the public endpoint only (section 5)");
  const dappSettings = dappEnvFromRecord(recorded, "VITE_BASE_SEPOLIA_RPC_URL", rpcUrl);
  say(`$ ${Object.entries(dappSettings).map(([k, v]) => `${k}=${v}`).join(" ")} npm run build:web`);
  const dapp = await buildAndServeDapp({ settings: dappSettings, oracleUrl, dir, table, expected: {
    "the program's address": program,
    "the RPC URL": rpcUrl,
    // The pages compare the wallet's chain with the program's: the build folds VITE_CHAIN_ID into them.
    "the program's chain id": new RegExp(`[=!]==${CHAIN_ID}\\b`),
  } });
  say(`served at ${dapp.url} (vite preview; any static host will do, with /oracle proxied to the oracle): ${dapp.scripts.map((s) => `${s.path} ${Math.round(s.bytes / 1024)} kB`).join(", ")}`);
  say(`the served bundle carries the program ${program}, chain id ${CHAIN_ID} and the RPC URL ${rpcUrl}`);

  step("A contributor's journey: sign in with the wallet, upload, the count attested on chain");
  const contributor = CONTRIBUTORS[0]!;
  const files = demoDatasets()[0]!;
  const auth = await signInWithWallet(oracleUrl, contributor.account, { program, readerKey: readerKeyFromWallet });
  say(`${contributor.account.address} signed in (SIWE, chain ${CHAIN_ID}) and registered its wallet-derived reader key`);
  const job = await uploadAndWait(oracleUrl, auth, files, { signer: contributor.account, label: "the contributor's" });
  const r = job.result;
  say(`uploaded ${files.map((f) => f.name).join(", ")}: ${r.documents} documents kept, ${r.tokens.out.toLocaleString("en")} tokens; manifest ${r.manifestCid}`);
  const posted = r.attestation?.posted as { status?: string; transactionHash?: Hex; blockNumber?: string } | null;
  say(`attestation (nonce ${r.attestation?.nonce}) posted by the relayer: ${posted?.status} in block ${posted?.blockNumber}, transaction ${posted?.transactionHash}`);
  const onChain = await client.readContract({ address: program, abi: revenueSplitterAbi, functionName: "tokensOf", args: [contributor.account.address] });
  if (onChain !== BigInt(r.cumulativeTokens)) throw new Error(`the chain says ${onChain} tokens, the oracle ${r.cumulativeTokens}`);
  say(`tokensOf(${contributor.account.address}) on chain = ${onChain.toLocaleString("en")}, the manifest's cumulative count`);

  step("Start the indexer, configured from the record and the public endpoint only (section 5)");
  const indexerPort = await freePort();
  const indexerUrl = `http://127.0.0.1:${indexerPort}`;
  const indexerEnv: Record<string, string> = {
    ...Object.fromEntries(Object.entries(recorded).filter(([k]) => k.startsWith("INDEXER_") || k === "CHAIN_ID")),
    INDEXER_RPC_URL: rpcUrl,
    INDEXER_PORT: String(indexerPort),
    INDEXER_DATA_DIR: join(dir, "indexer"),
  };
  for (const [k, v] of Object.entries(indexerEnv)) say(`${k}=${v.startsWith(dir) ? show(v) : v}`);
  say("$ npm run indexer");
  const indexer = table.start("indexer", node, ["--disable-warning=ExperimentalWarning", join(ROOT, "indexer/main.ts")], { cwd: ROOT, env: { ...process.env, ...indexerEnv }, log: join(dir, "logs/indexer.log") });
  await waitForIndexer(indexerUrl, { timeoutMs: 180_000, throughBlock: BigInt(posted?.blockNumber ?? 0), exited: () => (indexer.child.exitCode === null ? null : `${indexer.child.exitCode}:\n${tail(indexer.log)}`) });
  const indexed = (await fetchProgramEvents(indexerUrl, program)).find((e) => e.eventName === "Attested" && e.args.contributor === contributor.account.address);
  if (!indexed || indexed.transactionHash !== posted?.transactionHash || indexed.eventName !== "Attested" || indexed.args.tokens !== onChain) {
    throw new Error(`the indexer at ${indexerUrl} does not hold the attestation of transaction ${posted?.transactionHash}: ${JSON.stringify(indexed, (_, v) => (typeof v === "bigint" ? String(v) : v))}`);
  }
  say(`$ curl ${indexerUrl}/programs/${program}/events → Attested(${contributor.account.address}, ${indexed.args.tokens.toLocaleString("en")} tokens) in block ${indexed.blockNumber}, transaction ${indexed.transactionHash}`);

  step("Watch it (section 7): the oracle's metrics, and what the public endpoint saw");
  const metrics = parseExposition(await (await fetch(`${oracleUrl}/metrics`)).text());
  say(`oracle_jobs{state="accepted"} ${sampleSum(metrics, "oracle_jobs", { state: "accepted" })}, {state="failed"} ${sampleSum(metrics, "oracle_jobs", { state: "failed" })}`);
  say(`oracle_relayer_attempts_total sent ${sampleSum(metrics, "oracle_relayer_attempts_total", { outcome: "sent" })}, confirmed ${sampleSum(metrics, "oracle_relayer_attempts_total", { outcome: "confirmed" })}`);
  for (const stage of ["reading", "finishing", "storing", "committing", "publishing"]) {
    say(`stage ${stage.padEnd(10)} ${sampleSum(metrics, "oracle_job_stage_duration_seconds_sum", { stage }).toFixed(2)} s`);
  }
  const t = proxy.tally;
  say(`public endpoint: ${t.forwarded} requests forwarded, ${t.injected429 + t.rateLimited} answered 429 and ${t.injected503} answered 503 (all retried), widest eth_getLogs ${t.widestLogRange} blocks, ${t.rangeRefused} refused as too wide`);

  step("Verify the contracts on the block explorers (section 4), on the real network:");
  const argsFile = join("ignition", relative(ignitionDir, join(deploymentDir(ignitionDir, CHAIN_ID), "Program.constructor-args.js")));
  for (const c of verifyCommands({ network: "baseSepolia", chainId: CHAIN_ID, program, readerRegistry: recorded.READER_REGISTRY_ADDRESS as Address, argsFile, ignitionVerify: true })) say(c);
  say(`(the record to commit is ${show(deploymentDir(ignitionDir, CHAIN_ID))}; on the real network it is written to ignition/deployments/chain-${CHAIN_ID})`);

  process.stdout.write(`\nRehearsal passed in ${Math.round((Date.now() - started) / 1000)} s; logs in ${show(join(dir, "logs"))}. Stopping the oracle, the indexer and the chain.\n`);
  await stop(0);
} catch (e) {
  const message = (e as { stderr?: string }).stderr?.trim() || (e as Error).message;
  process.stderr.write(`\n✗ step ${stepNo} failed: ${message}\n`);
  await stop(1);
}
