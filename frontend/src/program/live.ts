// How the dApp stays live: one block watcher; every new block invalidates the contract reads and
// the event history, so every figure is re-read from the chain (nothing keeps a chain value by hand).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { Address } from "viem";
import { useBlockNumber, usePublicClient } from "wagmi";
import { fromBlock, pollingInterval, programChainId } from "../config.ts";
import { revenueSplitterAbi, revenueSplitterFactoryAbi } from "../chain/generated.ts";
import type { SplitterLog } from "./history.ts";

const LIVE_KEYS = new Set(["readContract", "programLogs", "factoryPrograms"]);

/**
 * Mount once: re-reads every chain figure when a new block arrives. Returns the block query, whose
 * error is how the page learns that the RPC is down (one retry, then the banner; polling goes on,
 * so the page recovers by itself when the node is back).
 */
export function useRefreshOnNewBlocks() {
  const queryClient = useQueryClient();
  const block = useBlockNumber({ chainId: programChainId, query: { refetchInterval: pollingInterval, retry: 1, retryDelay: 500 } });
  useEffect(() => {
    if (block.data === undefined) return;
    void queryClient.invalidateQueries({ predicate: (q) => LIVE_KEYS.has(String(q.queryKey[0])) });
  }, [block.data, queryClient]);
  return block;
}

/** Re-reads now (after one of our own transactions is mined) instead of at the next poll. */
export function useRefreshNow() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (q) => LIVE_KEYS.has(String(q.queryKey[0])) || q.queryKey[0] === "blockNumber" });
}

/** The splitter's Attested, RevenueDeposited, SurplusSynced and Claimed events since VITE_FROM_BLOCK. */
export function useProgramLogs(program: Address | undefined) {
  const client = usePublicClient({ chainId: programChainId });
  return useQuery({
    queryKey: ["programLogs", programChainId, program],
    enabled: Boolean(client && program),
    placeholderData: (previous) => previous,
    queryFn: async (): Promise<SplitterLog[]> => {
      const logs = await client!.getContractEvents({ address: program!, abi: revenueSplitterAbi, fromBlock, toBlock: "latest", strict: true });
      const kept = new Set(["Attested", "RevenueDeposited", "SurplusSynced", "Claimed"]);
      return logs.filter((l) => kept.has(l.eventName)) as unknown as SplitterLog[];
    },
  });
}

export interface ProgramListing {
  program: Address;
  asset: Address;
  alphaBps: bigint;
  index: bigint;
}

/** Programs created by the factory, from its ProgramCreated events. */
export function useFactoryPrograms(factory: Address | undefined) {
  const client = usePublicClient({ chainId: programChainId });
  return useQuery({
    queryKey: ["factoryPrograms", programChainId, factory],
    enabled: Boolean(client && factory),
    placeholderData: (previous) => previous,
    queryFn: async (): Promise<ProgramListing[]> => {
      const logs = await client!.getContractEvents({ address: factory!, abi: revenueSplitterFactoryAbi, eventName: "ProgramCreated", fromBlock, toBlock: "latest", strict: true });
      return logs.map((l) => ({ program: l.args.program, asset: l.args.asset, alphaBps: l.args.alphaBps, index: l.args.index }));
    },
  });
}
