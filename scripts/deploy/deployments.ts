// Where Ignition records what it deployed, and how the rest of the platform reads it: one folder
// per deployment id (`chain-<chainId>` by default) under <ignition dir>/deployments, with a
// deployed_addresses.json mapping "<module id>#<contract>" to an address. Real networks use the
// repository's ignition/ folder (commit it: it is the record of what was deployed); `npm start`
// uses <state dir>/ignition, because its chain is new on every start.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { getAddress, type Address } from "viem";
import { programModuleId } from "../../ignition/modules/Program.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const REPO_IGNITION_DIR = join(ROOT, "ignition");

export const deploymentDir = (ignitionDir: string, chainId: number): string => join(ignitionDir, "deployments", `chain-${chainId}`);

/** deployed_addresses.json of a chain's deployment, or null when nothing was deployed there. */
export function readDeployedAddresses(ignitionDir: string, chainId: number): Record<string, Address> | null {
  const file = join(deploymentDir(ignitionDir, chainId), "deployed_addresses.json");
  if (!existsSync(file)) return null;
  const raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, getAddress(v)]));
}

export interface ProgramAddresses {
  factory: Address;
  program: Address;
  /** TestUSD, when this deployment has one (local chains, testnets). */
  testUsd: Address | null;
  /** The chain's ReaderKeyRegistry (deployed with the first program since it exists; null in older records). */
  readerRegistry: Address | null;
}

/** The factory and a named program (default: the "Program" module) of a chain's deployment. */
export function programAddresses(ignitionDir: string, chainId: number, name?: string): ProgramAddresses {
  const deployed = readDeployedAddresses(ignitionDir, chainId);
  const where = deploymentDir(ignitionDir, chainId);
  if (!deployed) throw new Error(`nothing is deployed on chain ${chainId} (no ${join(where, "deployed_addresses.json")})`);
  const id = programModuleId(name);
  const factory = deployed["Factory#RevenueSplitterFactory"];
  const program = deployed[`${id}#RevenueSplitter`];
  if (!factory) throw new Error(`no factory in ${where}`);
  if (!program) {
    const known = Object.keys(deployed).filter((k) => k.endsWith("#RevenueSplitter")).map((k) => k.split("#")[0]);
    throw new Error(`no program "${id}" in ${where} (programs there: ${known.join(", ") || "none"})`);
  }
  return { factory, program, testUsd: deployed["TestUSD#TestUSD"] ?? null, readerRegistry: deployed["ReaderKeyRegistry#ReaderKeyRegistry"] ?? null };
}

/** The block of a program's createProgram transaction, from Ignition's journal (0 if not found). */
export function programCreationBlock(ignitionDir: string, chainId: number, name?: string): number {
  const file = join(deploymentDir(ignitionDir, chainId), "journal.jsonl");
  if (!existsSync(file)) return 0;
  const prefix = `"futureId":"${programModuleId(name)}#`;
  let block = 0;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.includes(prefix) || !line.includes("TRANSACTION_CONFIRM")) continue;
    const entry = JSON.parse(line) as { receipt?: { blockNumber?: number } };
    if (entry.receipt?.blockNumber !== undefined) block = entry.receipt.blockNumber;
  }
  return block;
}

/**
 * The commands that verify a program's contracts on the block explorers. `ignitionVerify`: the
 * record is the repository's, where `hardhat ignition verify` finds it (the factory, the registry
 * and TestUSD); the program, created by the factory, takes its arguments from `argsFile`.
 */
export function verifyCommands(o: { network: string; chainId: number; program: Address; readerRegistry: Address | null; argsFile: string; ignitionVerify: boolean }): string[] {
  const net = `--network ${o.network}`;
  return [
    ...(o.ignitionVerify ? [`npx hardhat ignition verify chain-${o.chainId} ${net}`] : []),
    `npx hardhat verify ${net} --contract contracts/RevenueSplitter.sol:RevenueSplitter --constructor-args-path ${o.argsFile} ${o.program}`,
    ...(o.readerRegistry ? [`npx hardhat verify ${net} --contract contracts/ReaderKeyRegistry.sol:ReaderKeyRegistry ${o.readerRegistry}`] : []),
  ];
}

/**
 * The settings the oracle (SPLITTER_ADDRESS, SPLITTER_FROM_BLOCK, CHAIN_ID, READER_REGISTRY_ADDRESS), the indexer
 * (INDEXER_*) and the dApp build (VITE_*) take from a deployment. The indexer starts at the program's creation
 * block: programs the factory created before it are followed only with a lower INDEXER_FROM_BLOCK. The registry's two entries are absent when the record has none.
 */
export function programEnv(ignitionDir: string, chainId: number, name?: string): Record<string, string> {
  const { factory, program, readerRegistry } = programAddresses(ignitionDir, chainId, name);
  const created = String(programCreationBlock(ignitionDir, chainId, name));
  return {
    CHAIN_ID: String(chainId),
    SPLITTER_ADDRESS: program,
    SPLITTER_FROM_BLOCK: created,
    ...(readerRegistry ? { READER_REGISTRY_ADDRESS: readerRegistry } : {}),
    INDEXER_FACTORY_ADDRESS: factory,
    INDEXER_FROM_BLOCK: created,
    VITE_CHAIN_ID: String(chainId),
    VITE_SPLITTER_ADDRESS: program,
    VITE_FACTORY_ADDRESS: factory,
    ...(readerRegistry ? { VITE_READER_REGISTRY_ADDRESS: readerRegistry } : {}),
    VITE_FROM_BLOCK: created,
  };
}
