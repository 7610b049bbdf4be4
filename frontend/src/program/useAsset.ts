// The program's α and asset (address, symbol, decimals), read with the generated hooks.
import type { Address } from "viem";
import { programChainId } from "../config.ts";
import { useReadRevenueSplitterAlphaBps, useReadRevenueSplitterAsset, useReadTestUsdDecimals, useReadTestUsdSymbol } from "../chain/generated.ts";

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
  // Any ERC-20 answers these two; TestUSD's generated ABI is a superset of what is asked.
  const symbol = useReadTestUsdSymbol({ address: asset.data, chainId, query: { enabled: Boolean(asset.data) } });
  const decimals = useReadTestUsdDecimals({ address: asset.data, chainId, query: { enabled: Boolean(asset.data) } });
  return {
    alphaBps: alpha.data,
    asset: asset.data,
    symbol: symbol.data,
    decimals: decimals.data,
    error: alpha.error ?? asset.error ?? symbol.error ?? decimals.error,
  };
}
