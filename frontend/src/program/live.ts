// How the dApp stays live: one block watcher; every new block invalidates the contract reads and
// the event history, so every figure is re-read from the chain (nothing keeps a chain value by hand).
// The history is read in pages a public endpoint accepts, and each refresh reads only the blocks
// since the previous one (oracle/protocol/read-logs.ts).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { getAbiItem, type Address } from "viem";
import { useBlockNumber, usePublicClient } from "wagmi";
import { fromBlock, pollingInterval, programChainId } from "../config.ts";
import { revenueSplitterAbi, revenueSplitterFactoryAbi } from "../chain/generated.ts";
import type { SplitterLog } from "./history.ts";
import { followLogs, readLogs, type LogWindow } from "../../../oracle/protocol/read-logs.ts";

const LIVE_KEYS = new Set(["readContract", "programLogs", "factoryPrograms"]);

const HISTORY_EVENTS = (["Attested", "RevenueDeposited", "SurplusSynced", "Claimed"] as const).map((name) => getAbiItem({ abi: revenueSplitterAbi, name }));
const PROGRAM_CREATED = getAbiItem({ abi: revenueSplitterFactoryAbi, name: "ProgramCreated" });

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
  const queryClient = useQueryClient();
  const queryKey = ["programLogs", programChainId, program];
  return useQuery({
    queryKey,
    enabled: Boolean(client && program),
    placeholderData: (previous) => previous,
    queryFn: (): Promise<LogWindow<SplitterLog>> =>
      followLogs(client!, queryClient.getQueryData<LogWindow<SplitterLog>>(queryKey), fromBlock, async (range) =>
        (await readLogs(client!, { address: program!, events: HISTORY_EVENTS, strict: true, ...range })) as unknown as SplitterLog[],
      ),
    select: (window) => window.logs,
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
  const queryClient = useQueryClient();
  const queryKey = ["factoryPrograms", programChainId, factory];
  return useQuery({
    queryKey,
    enabled: Boolean(client && factory),
    placeholderData: (previous) => previous,
    queryFn: (): Promise<LogWindow<ProgramListing & { blockNumber: bigint }>> =>
      followLogs(client!, queryClient.getQueryData(queryKey), fromBlock, async (range) =>
        (await readLogs(client!, { address: factory!, event: PROGRAM_CREATED, strict: true, ...range })).map((l) => ({
          program: l.args.program,
          asset: l.args.asset,
          alphaBps: l.args.alphaBps,
          index: l.args.index,
          blockNumber: l.blockNumber,
        })),
      ),
    select: (window): ProgramListing[] => window.logs.map(({ blockNumber: _, ...listing }) => listing),
  });
}
