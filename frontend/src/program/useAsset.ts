// The program's α and asset (address, symbol, decimals, a wallet's balance). The asset is any
// ERC-20: it is read with viem's standard ERC-20 ABI, never through the test token's ABI.
import { erc20Abi, type Address } from "viem";
import { useReadContract } from "wagmi";
import { programChainId } from "../config.ts";
import { useReadRevenueSplitterAlphaBps, useReadRevenueSplitterAsset } from "../chain/generated.ts";

export interface ProgramBasics {
  alphaBps?: bigint;
  asset?: Address;
  symbol?: string;
  decimals?: number;
  error: unknown;
}

export function useProgramBasics(program: Address): ProgramBasics {
  const chainId = programChainId;
  const alpha = useReadRevenueSplitterAlphaBps({ address: program, chainId });
  const asset = useReadRevenueSplitterAsset({ address: program, chainId });
  const assetReads = { address: asset.data, abi: erc20Abi, chainId, query: { enabled: Boolean(asset.data) } } as const;
  const symbol = useReadContract({ ...assetReads, functionName: "symbol" });
  const decimals = useReadContract({ ...assetReads, functionName: "decimals" });
  return {
    alphaBps: alpha.data,
    asset: asset.data,
    symbol: symbol.data,
    decimals: decimals.data,
    error: alpha.error ?? asset.error ?? symbol.error ?? decimals.error,
  };
}

/** What `account` holds of the program's asset (undefined until both are known). */
export function useAssetBalance(asset: Address | undefined, account: Address | undefined) {
  return useReadContract({
    address: asset,
    abi: erc20Abi,
    chainId: programChainId,
    functionName: "balanceOf",
    args: account ? [account] : undefined,
    query: { enabled: Boolean(asset && account) },
  });
}
