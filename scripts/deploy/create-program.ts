// `npm run deploy:program -- --network <name> --asset <address|testusd> --alpha <20%|2000>
//   --signers <a,b,…> --threshold <n> --owner <address> [--guardian <address>] [--committee-delay <2d|seconds>]
//   [--name <name>] [--yes]`
//
// Creates a revenue program on any network of hardhat.config.ts with Ignition: the chain's factory
// and reader key registry (deployed first if the chain has none), then `createProgram` through it. Everything is recorded
// in the chain's Ignition deployment (ignition/deployments/chain-<id>/; for `localhost`, the one
// `npm start` keeps in .1tt/ignition), so running the same command again changes nothing.
// Prints the settings the oracle and the dApp need, and the commands that verify the contracts.
import { existsSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { getAddress, isAddress, type Address } from "viem";
import hardhatConfig from "../../hardhat.config.ts";
import { NO_GUARDIAN, programModule, programModuleId } from "../../ignition/modules/Program.ts";
import TestUsdModule from "../../ignition/modules/TestUSD.ts";
import { deploymentDir, programAddresses, programEnv, readDeployedAddresses, REPO_IGNITION_DIR, ROOT, verifyCommands } from "./deployments.ts";

const USAGE = `usage: npm run deploy:program -- --network <name> --asset <address|testusd> --alpha <percent%|bps>
         --signers <address,…> --threshold <n> --owner <address> [--guardian <address>]
         [--committee-delay <2d|48h|seconds>] [--name <name>] [--ignition-dir <dir>] [--yes]

  --network       a network of hardhat.config.ts (localhost, sepolia, baseSepolia, …)
  --asset         the ERC-20 revenue is paid in; "testusd" deploys the open-mint TestUSD (testnets only)
  --alpha         contributors' part of gross revenue: "20%" or basis points "2000" (1..10000)
  --signers       the oracle committee's signer addresses, comma-separated
  --threshold     signatures needed per attestation (default 1)
  --owner         who may propose a new committee and pause attestations (a multisig in production); nothing else
  --guardian      who else may pause attestations and cancel committee proposals (default: nobody)
  --committee-delay  how long a committee proposal waits before it can take effect: "2d", "48h" or seconds
                  (default 2d, at most 90d); fixed for good at creation
  --name          program name, for a chain with several programs (module Program_<name>); default "Program"
  --ignition-dir  where deployments are recorded (default: ignition/, or .1tt/ignition for localhost)
  --yes           do not ask for confirmation on a public network`;

function fail(message: string): never {
  process.stderr.write(`create-program: ${message}\n`);
  process.exit(2);
}

const { values: o } = parseArgs({
  options: {
    network: { type: "string" }, asset: { type: "string" }, alpha: { type: "string" }, signers: { type: "string" },
    threshold: { type: "string", default: "1" }, owner: { type: "string" }, name: { type: "string" },
    guardian: { type: "string" }, "committee-delay": { type: "string", default: "2d" },
    "ignition-dir": { type: "string" }, yes: { type: "boolean" }, help: { type: "boolean", short: "h" },
  },
});
if (o.help) {
  process.stdout.write(USAGE + "\n");
  process.exit(0);
}
const missing = ["network", "asset", "alpha", "signers", "owner"].filter((k) => !o[k as keyof typeof o]);
if (missing.length) fail(`missing ${missing.map((m) => `--${m}`).join(", ")}\n${USAGE}`);

const networkName = o.network!;
const networks = Object.keys(hardhatConfig.networks ?? {});
if (!networks.includes(networkName)) fail(`--network ${networkName} is not in hardhat.config.ts (configured: ${networks.join(", ")})`);

const address = (flag: string, raw: string): Address => {
  if (!isAddress(raw.trim(), { strict: false })) fail(`${flag}: "${raw}" is not an address`);
  return getAddress(raw.trim());
};
const alphaRaw = o.alpha!.trim();
const alphaBps = alphaRaw.endsWith("%") ? Math.round(Number(alphaRaw.slice(0, -1)) * 100) : Number(alphaRaw);
if (!Number.isInteger(alphaBps) || alphaBps < 1 || alphaBps > 10_000) fail(`--alpha ${alphaRaw}: a percentage (0.01%..100%) or basis points (1..10000)`);
const signers = o.signers!.split(",").filter((s) => s.trim()).map((s) => address("--signers", s));
if (signers.length === 0) fail("--signers: at least one signer");
if (new Set(signers).size !== signers.length) fail("--signers: a signer is listed twice");
const threshold = Number(o.threshold);
if (!Number.isInteger(threshold) || threshold < 1 || threshold > signers.length) fail(`--threshold ${o.threshold}: from 1 to the number of signers (${signers.length})`);
const owner = address("--owner", o.owner!);
const guardian = o.guardian ? address("--guardian", o.guardian) : NO_GUARDIAN;
const committeeDelay = parseDelay(o["committee-delay"]!);

/** "2d", "48h", "90m" or plain seconds, within the contract's 0..90 days. */
function parseDelay(raw: string): number {
  const match = /^(\d+)([dhm]?)$/.exec(raw.trim());
  const seconds = match ? Number(match[1]) * { d: 86_400, h: 3_600, m: 60, "": 1 }[match[2] as "d" | "h" | "m" | ""] : NaN;
  if (!Number.isSafeInteger(seconds) || seconds > 90 * 86_400) fail(`--committee-delay ${raw}: "2d", "48h", "90m" or seconds, at most 90 days`);
  return seconds;
}
const deployTestUsd = o.asset!.trim().toLowerCase() === "testusd";
let moduleId: string;
try {
  moduleId = programModuleId(o.name);
} catch (e) {
  fail(`--name: ${(e as Error).message}`);
}
const ignitionDir = resolve(o["ignition-dir"] ?? (networkName === "localhost" ? join(process.env.STATE_DIR ?? join(ROOT, ".1tt"), "ignition") : REPO_IGNITION_DIR));

// A runtime of our own, so the deployment folder can be the one chosen above.
const { createHardhatRuntimeEnvironment } = await import("hardhat/hre");
const hre = await createHardhatRuntimeEnvironment({ ...hardhatConfig, paths: { ...hardhatConfig.paths, ignition: ignitionDir } }, {}, ROOT);
let connection;
try {
  connection = await hre.network.connect({ network: networkName });
} catch (e) {
  fail(`cannot connect to ${networkName}: ${(e as Error).message.trim()}\n(its RPC URL and deployer key are configuration variables: see docs/deploy.md)`);
}
const chainId = Number(await connection.provider.request({ method: "eth_chainId" }));
const [deployer] = (await connection.provider.request({ method: "eth_accounts" })) as string[];
const dir = deploymentDir(ignitionDir, chainId);
const show = (p: string) => relative(process.cwd(), p) || ".";

if (deployTestUsd && [1, 10, 56, 137, 8453, 42161].includes(chainId)) fail(`TestUSD can be minted by anyone: not on chain ${chainId}. Pass the real asset's address.`);
const existing = readDeployedAddresses(ignitionDir, chainId);
process.stdout.write(`Program "${moduleId}" on ${networkName} (chain ${chainId}), deployer ${deployer}
  asset      ${deployTestUsd ? (existing?.["TestUSD#TestUSD"] ?? "TestUSD (deployed now)") : o.asset}
  alpha      ${alphaBps / 100}% (${alphaBps} bps)
  committee  ${threshold} of ${signers.length}: ${signers.join(", ")}
  owner      ${owner}
  guardian   ${guardian === NO_GUARDIAN ? "none" : guardian}
  delay      committee changes wait ${committeeDelay} s (${(committeeDelay / 86_400).toFixed(2)} days)
  factory    ${existing?.["Factory#RevenueSplitterFactory"] ?? "none on this chain yet: deployed first"}
  registry   ${existing?.["ReaderKeyRegistry#ReaderKeyRegistry"] ?? "no reader key registry on this chain yet: deployed first"}
  record     ${show(dir)}
`);
if (chainId !== 31337 && !o.yes) {
  if (!process.stdin.isTTY) fail("a public network: pass --yes to confirm");
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question("Deploy? [y/N] ");
  rl.close();
  if (!/^y(es)?$/i.test(answer.trim())) fail("cancelled");
}

try {
  let asset: Address;
  if (deployTestUsd) {
    await connection.ignition.deploy(TestUsdModule, { displayUi: true });
    asset = readDeployedAddresses(ignitionDir, chainId)!["TestUSD#TestUSD"]!;
  } else {
    asset = address("--asset", o.asset!);
  }
  await connection.ignition.deploy(programModule(moduleId), {
    displayUi: true,
    parameters: { [moduleId]: { asset, alphaBps, signers, threshold, owner, guardian, committeeDelay } },
  });
  const { factory, program, readerRegistry } = programAddresses(ignitionDir, chainId, o.name);
  const env = programEnv(ignitionDir, chainId, o.name);

  // hardhat verify takes constructor arguments from a module: written beside the record.
  const argsFile = join(dir, `${moduleId}.constructor-args.js`);
  if (!existsSync(argsFile)) {
    writeFileSync(argsFile, `// Constructor arguments of ${program} (RevenueSplitter), for \`hardhat verify --constructor-args-path\`.\nexport default ${JSON.stringify([asset, String(alphaBps), signers, String(threshold), owner, guardian, String(committeeDelay)])};\n`);
  }
  const verify = verifyCommands({ network: networkName, chainId, program, readerRegistry, argsFile: show(argsFile), ignitionVerify: ignitionDir === REPO_IGNITION_DIR });
  process.stdout.write(`
program   ${program}
factory   ${factory}
registry  ${readerRegistry}
asset     ${asset}

Reader keys: the owner publishes the consumers' and auditors' (setProgramReaders on the registry),
each committee member its own (setMemberReaderKey, or signed and relayed); docs/threat-model-confidentiality.md.
Oracle (each committee member; oracle/service/README.md), with this network's RPC_URL:
  CHAIN_ID=${env.CHAIN_ID} SPLITTER_ADDRESS=${env.SPLITTER_ADDRESS} READER_REGISTRY_ADDRESS=${env.READER_REGISTRY_ADDRESS}
dApp build (frontend/README.md):
  VITE_CHAIN_ID=${env.VITE_CHAIN_ID} VITE_SPLITTER_ADDRESS=${env.VITE_SPLITTER_ADDRESS} VITE_FACTORY_ADDRESS=${env.VITE_FACTORY_ADDRESS} VITE_READER_REGISTRY_ADDRESS=${env.VITE_READER_REGISTRY_ADDRESS} VITE_FROM_BLOCK=${env.VITE_FROM_BLOCK}
Later, from the record: npm run --silent deploy:env -- --chain-id ${chainId}${o.name ? ` --name ${o.name}` : ""}
Verify on the block explorers (Etherscan needs ETHERSCAN_API_KEY; Blockscout and Sourcify none):
${verify.map((c) => `  ${c}`).join("\n")}
`);
} catch (e) {
  const message = (e as Error).message;
  if (message.includes("reconciliation")) {
    fail(`"${moduleId}" already exists on chain ${chainId} with other parameters (${show(dir)}): choose another --name.\n${message}`);
  }
  fail(`the deployment stopped: ${message}\nRun the same command again to resume it (Ignition continues from ${show(join(dir, "journal.jsonl"))}).`);
} finally {
  await connection.close();
}
