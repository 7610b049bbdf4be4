// A real chain for the attestation tests: Hardhat's in-process network (network.create()), an
// HTTP JSON-RPC front that can be taken down, optionally a public endpoint's limits behind it
// (PublicRpcProxy: bounded getLogs, a rate limit, injected 429 and 503), and a program deployed
// through the factory.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createPublicClient,
  createWalletClient,
  custom,
  http,
  parseEventLogs,
  zeroAddress,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { readerKeyRegistryAbi, revenueSplitterFactoryAbi, testUsdAbi } from "../../protocol/abi.ts";
import { PublicRpcProxy, type PublicRpcLimits } from "../../rpc/public-rpc-proxy.ts";
import { RpcFront, type Eip1193 } from "./rpc-front.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

function bytecode(artifact: string): Hex {
  return JSON.parse(readFileSync(join(ROOT, "artifacts/contracts", artifact), "utf8")).bytecode as Hex;
}

/** Deterministic test keys, never used anywhere else. */
export function testAccounts(count: number, salt: number): PrivateKeyAccount[] {
  return Array.from({ length: count }, (_, i) =>
    privateKeyToAccount(`0x${(BigInt(salt) * 1_000_003n + BigInt(i + 1)).toString(16).padStart(64, "0")}`),
  );
}

export interface TestChain {
  provider: Eip1193;
  /** Every HTTP reader of the chain goes through the front (and the public limits behind it, when asked). */
  front: RpcFront;
  /** The public endpoint's limits between the front and the chain, or null. */
  publicRpc: PublicRpcProxy | null;
  /** Reads straight from the provider (never through the front). */
  publicClient: PublicClient;
  deployer: Address;
  request(method: string, params?: unknown[]): Promise<unknown>;
  /** A program of the factory; `committeeDelay` in seconds (default: the factory's 2 days). */
  deployProgram(signers: readonly Address[], threshold: number, options?: { committeeDelay?: bigint }): Promise<Address>;
  /** A ReaderKeyRegistry (deployed on first use, then the same one); programs' owner is `deployer`. */
  readerRegistry(): Promise<Address>;
  fund(address: Address): Promise<void>;
  /** An HTTP transport to the front, without viem's own retries (the relayer's are under test). */
  transport(timeoutMs?: number): ReturnType<typeof http>;
  close(): Promise<void>;
}

export interface TestChainOptions {
  /** Puts a public endpoint's limits behind the front (PUBLIC_RPC_LIMITS, with these changes). */
  publicRpc?: Partial<PublicRpcLimits>;
}

export async function startTestChain(options: TestChainOptions = {}): Promise<TestChain> {
  const { network } = await import("hardhat");
  const connection = await network.create();
  const provider = connection.provider as unknown as Eip1193;
  const publicRpc = options.publicRpc ? await PublicRpcProxy.start(provider, options.publicRpc) : null;
  const front = await RpcFront.start(provider, publicRpc?.url ?? null);
  const publicClient = createPublicClient({ chain: hardhat, transport: custom(provider) }) as PublicClient;
  const [deployer] = (await provider.request({ method: "eth_accounts" })) as Address[];
  const wallet = createWalletClient({ chain: hardhat, transport: custom(provider), account: deployer! });

  async function deploy(abi: Abi, artifact: string): Promise<Address> {
    const hash = await wallet.deployContract({ abi, bytecode: bytecode(artifact) });
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    return receipt.contractAddress!;
  }
  const usd = await deploy(testUsdAbi, "TestUSD.sol/TestUSD.json");
  const factory = await deploy(revenueSplitterFactoryAbi, "RevenueSplitterFactory.sol/RevenueSplitterFactory.json");
  let registry: Promise<Address> | null = null;

  return {
    provider,
    front,
    publicRpc,
    publicClient,
    deployer: deployer!,
    request: (method, params = []) => provider.request({ method, params }),
    async deployProgram(signers, threshold, options = {}) {
      const hash =
        options.committeeDelay === undefined
          ? await wallet.writeContract({ address: factory, abi: revenueSplitterFactoryAbi, functionName: "createProgram", args: [usd, 1_000n, [...signers], BigInt(threshold), deployer!] })
          : await wallet.writeContract({
              address: factory,
              abi: revenueSplitterFactoryAbi,
              functionName: "createProgramWithOptions",
              args: [usd, 1_000n, [...signers], BigInt(threshold), deployer!, zeroAddress, options.committeeDelay],
            });
      const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
      const [created] = parseEventLogs({ abi: revenueSplitterFactoryAbi, eventName: "ProgramCreated", logs: receipt.logs });
      return created!.args.program;
    },
    readerRegistry() {
      registry ??= deploy(readerKeyRegistryAbi, "ReaderKeyRegistry.sol/ReaderKeyRegistry.json");
      return registry;
    },
    async fund(address) {
      await provider.request({ method: "hardhat_setBalance", params: [address, "0x3635C9ADC5DEA00000"] });
    },
    transport: (timeoutMs = 2_000) => http(front.url, { retryCount: 0, timeout: timeoutMs }),
    async close() {
      await front.close();
      await publicRpc?.close();
      await connection.close();
    },
  };
}
