// The program's α and asset (address, symbol, decimals). The asset is any ERC-20: it is read with
// viem's standard ERC-20 ABI, never through the test token's generated hooks.
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
