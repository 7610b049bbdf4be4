// Everything the dApp takes from its build environment, read once, validated, and turned into the
// wagmi config. Env values are read as `import.meta.env.X` directly so Vite can drop the wallet
// code a build does not enable (WalletConnect without a project id).
import { connectorsForWallets } from "@rainbow-me/rainbowkit";
import { injectedWallet, walletConnectWallet } from "@rainbow-me/rainbowkit/wallets";
import { getAddress, isAddress, type Address, type Chain } from "viem";
import { createConfig, type Transport } from "wagmi";
import { baseSepolia, hardhat, mainnet, sepolia } from "wagmi/chains";
import { parseRpcUrls, rpcTransport } from "../../oracle/protocol/rpc-transport.ts";

const localRpc = import.meta.env.VITE_RPC_URL || "http://127.0.0.1:8545";
const baseSepoliaRpc = import.meta.env.VITE_BASE_SEPOLIA_RPC_URL;
const sepoliaRpc = import.meta.env.VITE_SEPOLIA_RPC_URL;
const mainnetRpc = import.meta.env.VITE_MAINNET_RPC_URL;
const walletConnectProjectId = import.meta.env.VITE_WALLETCONNECT_PROJECT_ID;

// Each *_RPC_URL may list several endpoints separated by commas: reads move to the next when one
// fails or refuses (rate limits), with backoff.
const localChain: Chain = { ...hardhat, rpcUrls: { default: { http: parseRpcUrls(localRpc) } } };

/** The networks the dApp talks to: the local chain, and public ones only when their RPC URL is set. */
export const chains: [Chain, ...Chain[]] = [localChain];
const transports: Record<number, Transport> = { [localChain.id]: rpcTransport(localRpc) };
// The public test networks the deployment scripts target (hardhat.config.ts: baseSepolia, sepolia).
for (const [chain, rpc] of [[baseSepolia, baseSepoliaRpc], [sepolia, sepoliaRpc]] as const) {
  if (!rpc) continue;
  chains.push({ ...chain, rpcUrls: { default: { http: parseRpcUrls(rpc) } } });
  transports[chain.id] = rpcTransport(rpc);
}
// A mainnet entry makes RainbowKit resolve ENS names through it: only with an RPC URL of our own.
if (mainnetRpc) {
  chains.push({ ...mainnet, rpcUrls: { default: { http: parseRpcUrls(mainnetRpc) } } });
  transports[mainnet.id] = rpcTransport(mainnetRpc);
}

/** Problems with the build's configuration, shown on the page instead of a crash. */
export const configProblems: string[] = [];

function addressFromEnv(name: string, value: string | undefined): Address | undefined {
  if (!value) return undefined;
  if (!isAddress(value, { strict: false })) {
    configProblems.push(`${name} is not an address: "${value}".`);
    return undefined;
  }
  return getAddress(value);
}

/** The chain the revenue program lives on. */
export const programChainId = Number(import.meta.env.VITE_CHAIN_ID || localChain.id);
export const programChain: Chain | undefined = chains.find((c) => c.id === programChainId);
if (!programChain) {
  configProblems.push(
    `VITE_CHAIN_ID=${programChainId} is not a configured network (configured: ${chains.map((c) => `${c.name} ${c.id}`).join(", ")}). Set its RPC URL, e.g. VITE_BASE_SEPOLIA_RPC_URL or VITE_SEPOLIA_RPC_URL.`,
  );
}

export const defaultSplitter = addressFromEnv("VITE_SPLITTER_ADDRESS", import.meta.env.VITE_SPLITTER_ADDRESS);
export const factoryAddress = addressFromEnv("VITE_FACTORY_ADDRESS", import.meta.env.VITE_FACTORY_ADDRESS);
/** The chain's ReaderKeyRegistry: the auditor page checks every key envelope against it. */
export const readerRegistryAddress = addressFromEnv("VITE_READER_REGISTRY_ADDRESS", import.meta.env.VITE_READER_REGISTRY_ADDRESS);
export const fromBlock = BigInt(import.meta.env.VITE_FROM_BLOCK || 0);
export const oracleUrl = import.meta.env.VITE_ORACLE_URL || "";
/** The indexer the history is read from ("" : the chain's logs only). */
export const indexerUrl = import.meta.env.VITE_INDEXER_URL || "";
export const localRpcUrl = localRpc;
/** IPFS gateway for the auditor page's manifests (empty: read them from the oracle). */
export const ipfsGateway = import.meta.env.VITE_IPFS_GATEWAY || "";
/** The auditor page's suggested command: where the CLI reads the data, and the auditor's keystore when the build names one. */
export const auditGateway = import.meta.env.VITE_AUDIT_GATEWAY || ipfsGateway;
export const auditorViewKey = { keystore: import.meta.env.VITE_AUDITOR_KEYSTORE || undefined, passphraseFile: import.meta.env.VITE_AUDITOR_PASSPHRASE_FILE || undefined };

/** Blocks on the local chain come with every transaction: poll it often. */
export const pollingInterval = programChainId === localChain.id ? 1_000 : 4_000;

const wallets = walletConnectProjectId ? [injectedWallet, walletConnectWallet] : [injectedWallet];
const connectors = connectorsForWallets([{ groupName: "Wallets", wallets }], {
  appName: "1TT",
  // Only WalletConnect uses the project id; injected wallets never send it anywhere.
  projectId: walletConnectProjectId || "not-configured",
});

export const wagmiConfig = createConfig({
  chains,
  transports,
  connectors,
  pollingInterval,
});

declare module "wagmi" {
  interface Register {
    config: typeof wagmiConfig;
  }
}
