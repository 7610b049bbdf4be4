// The dApp's providers as main.tsx sets them up, with one difference: the wallet is wagmi's `mock`
// connector holding one of the Hardhat node's unlocked accounts. It only supplies the account (and
// the network the wallet says it is on); every read, signature and transaction goes to the node.
import { RainbowKitProvider } from "@rainbow-me/rainbowkit";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, renderHook, type RenderHookOptions } from "@testing-library/react";
import { useState, type ReactElement, type ReactNode } from "react";
import type { Address, Chain } from "viem";
import { createConfig, http, WagmiProvider, type CreateConnectorFn, type Transport } from "wagmi";
import { connect } from "wagmi/actions";
import { mock } from "wagmi/connectors";
import { chains, pollingInterval, programChain, programChainId } from "../config.ts";
import { rpcUrl } from "./context.ts";

type TestConfig = ReturnType<typeof testConfig>;

/** Another network a wallet can be on; the dApp never reads through it. */
export const otherChain: Chain = { ...programChain!, id: 31_338, name: "Other Network" };

interface WalletOptions {
  /** The program chain's RPC (default: the node). */
  rpc?: string;
  /** The network the wallet is on (default: the program's). */
  chainId?: number;
  /** What the wallet refuses (a person declining a request). */
  features?: Parameters<typeof mock>[0]["features"];
}

/** A wagmi config on the node: the program's chain and `otherChain`, and the mock wallet holding `account`. */
export function testConfig(account: Address, options: WalletOptions = {}) {
  const rpc = options.rpc ?? rpcUrl();
  const program: Chain = { ...chains[0], rpcUrls: { default: { http: [rpc] } } };
  // The mock wallet starts on the first network listed.
  const networks: [Chain, ...Chain[]] = options.chainId === otherChain.id ? [otherChain, program] : [program, otherChain];
  const transports: Record<number, Transport> = { [programChainId]: http(rpc), [otherChain.id]: http(rpc) };
  const connectors: CreateConnectorFn[] = [mock({ accounts: [account], features: options.features })];
  return createConfig({
    chains: networks,
    transports,
    connectors,
    pollingInterval,
    storage: null,
  });
}

/** A config whose wallet is connected. */
export async function connectedConfig(account: Address, options: WalletOptions = {}): Promise<TestConfig> {
  const config = testConfig(account, options);
  await connect(config, { connector: config.connectors[0] });
  return config;
}

export function Providers({ config, children }: { config: TestConfig; children: ReactNode }) {
  // Fail fast: a query that errs shows its error at once instead of after main.tsx's retries.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  return (
    <WagmiProvider config={config} reconnectOnMount={false}>
      <QueryClientProvider client={queryClient}>
        <RainbowKitProvider initialChain={programChain}>{children}</RainbowKitProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}

export function renderWithWallet(ui: ReactElement, config: TestConfig) {
  return render(ui, { wrapper: ({ children }) => <Providers config={config}>{children}</Providers> });
}

export function renderHookWithWallet<Result, Props>(hook: (props: Props) => Result, config: TestConfig, options: Omit<RenderHookOptions<Props>, "wrapper"> = {}) {
  return renderHook(hook, { ...options, wrapper: ({ children }) => <Providers config={config}>{children}</Providers> });
}
