// The local chain for the browser tests: a `hardhat node` child on a free port (stopped by its PID)
// and a small world on it: TestUSD, a factory, the ReaderKeyRegistry and one program whose one-key
// committee is the oracle's signer key. Everything the program holds beyond that (submissions, attestations,
// deposits) comes through the real oracle and the users' wallets (oracle.ts, dapp.e2e.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { createPublicClient, createWalletClient, defineChain, http, keccak256, parseEventLogs, stringToHex, type Abi, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { readerKeyRegistryAbi, revenueSplitterAbi, revenueSplitterFactoryAbi, testUsdAbi } from "../../oracle/protocol/abi.ts";

export const ROOT = new URL("../..", import.meta.url).pathname;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Chain {
  rpc: string;
  child: ChildProcess;
  stop: () => void;
}

export async function startChain(): Promise<Chain> {
  const port = await freePort();
  const rpc = `http://127.0.0.1:${port}`;
  const child = spawn(join(ROOT, "node_modules/.bin/hardhat"), ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, "SIGTERM");
  };
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`hardhat node exited (${child.exitCode}): ${stderr}`);
    try {
      const res = await fetch(rpc, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }) });
      if (res.ok) return { rpc, child, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(`hardhat node did not answer on ${rpc} within 30 s: ${stderr}`);
}

function artifact(path: string): Hex {
  const file = join(ROOT, "artifacts/contracts", path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx hardhat build\` before the browser tests.`);
  return JSON.parse(readFileSync(file, "utf8")).bytecode as Hex;
}

export const ALPHA_BPS = 1_000n; // 10 %
export const UNIT = 1_000_000n; // TestUSD has 6 decimals

export interface World {
  rpc: string;
  chain: ReturnType<typeof defineChain>;
  publicClient: ReturnType<typeof createPublicClient>;
  usd: Address;
  factory: Address;
  splitter: Address;
  /** Where the program's reader keys are published (the owner sets the consumers'). */
  registry: Address;
  /** The committee's one signer key: the oracle signs attestations with it. */
  committeeKey: Hex;
  deployer: Address;
  consumer: Address;
  contributor: Address;
  other: Address;
  /** Sends a transaction from one of the node's unlocked accounts and waits for its receipt. */
  send: (from: Address, address: Address, abi: Abi, functionName: string, args: unknown[]) => Promise<void>;
}

/**
 * Deploys the world: TestUSD, the factory, the ReaderKeyRegistry, the program (α 10 %, committee = one key, threshold 1).
 * The deployer and the consumer hold 1,000,000 tUSD each; the deployer has approved the splitter,
 * the consumer has not (the permit path is the one the browser test exercises).
 */
export async function deployWorld(rpc: string): Promise<World> {
  const chain = defineChain({ ...hardhat, rpcUrls: { default: { http: [rpc] } } });
  const publicClient = createPublicClient({ chain, transport: http(rpc), pollingInterval: 100 });
  const [deployer, consumer, contributor, other] = await createWalletClient({ chain, transport: http(rpc) }).getAddresses();
  const mined = async (hash: Hex) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
    return receipt;
  };
  const send = async (from: Address, address: Address, abi: Abi, functionName: string, args: unknown[]) => {
    await mined(await createWalletClient({ chain, transport: http(rpc), account: from }).writeContract({ address, abi, functionName, args } as never));
  };
  const wallet = createWalletClient({ chain, transport: http(rpc), account: deployer });
  const deploy = async (abi: Abi, bytecode: Hex) => (await mined(await wallet.deployContract({ abi, bytecode }))).contractAddress!;

  const usd = await deploy(testUsdAbi, artifact("TestUSD.sol/TestUSD.json"));
  const factory = await deploy(revenueSplitterFactoryAbi, artifact("RevenueSplitterFactory.sol/RevenueSplitterFactory.json"));
  const registry = await deploy(readerKeyRegistryAbi, artifact("ReaderKeyRegistry.sol/ReaderKeyRegistry.json"));
  const committeeKey = keccak256(stringToHex("1tt e2e committee key"));
  const committee = privateKeyToAccount(committeeKey);
  const created = await mined(
    await wallet.writeContract({ address: factory, abi: revenueSplitterFactoryAbi, functionName: "createProgram", args: [usd, ALPHA_BPS, [committee.address], 1n, deployer] }),
  );
  const [event] = parseEventLogs({ abi: revenueSplitterFactoryAbi, eventName: "ProgramCreated", logs: created.logs });
  const splitter = event.args.program;

  await send(deployer, usd, testUsdAbi, "mint", [deployer, 1_000_000n * UNIT]);
  await send(deployer, usd, testUsdAbi, "mint", [consumer, 1_000_000n * UNIT]);
  await send(deployer, usd, testUsdAbi, "approve", [splitter, 2n ** 255n]);
  return { rpc, chain, publicClient, usd, factory, splitter, registry, committeeKey, deployer, consumer, contributor, other, send };
}
