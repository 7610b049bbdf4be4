// How the dApp stays live: one block watcher; every new block invalidates the contract reads and
// the event history, so every figure is re-read from the chain (nothing keeps a chain value by hand).
// The history comes from the indexer, or from the chain's logs in pages a public endpoint accepts,
// each refresh reading only the blocks since the previous one (history-source.ts, read-logs.ts).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { getAbiItem, type Address } from "viem";
import { useBlockNumber, usePublicClient } from "wagmi";
import { fromBlock, pollingInterval, programChainId } from "../config.ts";
import { revenueSplitterAbi, revenueSplitterFactoryAbi } from "../chain/generated.ts";
import type { SplitterLog } from "./history.ts";
import { fromIndexerOrLogs, type HistorySource } from "./history-source.ts";
import { fetchProgramEvents, fetchPrograms } from "../../../oracle/protocol/indexer-api.ts";
import { followLogs, readLogs, type LogWindow } from "../../../oracle/protocol/read-logs.ts";
import type { SplitterLog as AnySplitterLog } from "../../../oracle/protocol/splitter-events.ts";

const LIVE_KEYS = new Set(["readContract", "programLogs", "factoryPrograms"]);

const HISTORY_NAMES = ["Attested", "RevenueDeposited", "SurplusSynced", "Claimed"] as const;
const HISTORY_EVENTS = HISTORY_NAMES.map((name) => getAbiItem({ abi: revenueSplitterAbi, name }));
const isHistory = (log: AnySplitterLog): log is SplitterLog => (HISTORY_NAMES as readonly string[]).includes(log.eventName);
const PROGRAM_CREATED = getAbiItem({ abi: revenueSplitterFactoryAbi, name: "ProgramCreated" });

/** A history and where it came from; a window of logs is kept only when it was read from logs. */
interface Sourced<T> {
  window: LogWindow<T>;
  source: HistorySource;
}

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

function useProgramHistory<selected>(program: Address | undefined, select: (data: Sourced<SplitterLog>) => selected) {
  const client = usePublicClient({ chainId: programChainId });
  const queryClient = useQueryClient();
  const queryKey = ["programLogs", programChainId, program];
  return useQuery({
    queryKey,
    enabled: Boolean(client && program),
    placeholderData: (previous) => previous,
    queryFn: async (): Promise<Sourced<SplitterLog>> => {
      const previous = queryClient.getQueryData<Sourced<SplitterLog>>(queryKey);
      const { data, source } = await fromIndexerOrLogs(
        client!,
        // From the indexer too, only the blocks since the previous read (and REORG_DEPTH before them).
        (url, signal) =>
          followLogs(client!, previous?.source.kind === "indexer" ? previous.window : undefined, fromBlock, async (range) =>
            (await fetchProgramEvents(url, program!, signal, range.fromBlock)).filter(isHistory).filter((e) => e.blockNumber <= range.toBlock),
          ),
        () =>
          followLogs(client!, previous?.source.kind === "logs" ? previous.window : undefined, fromBlock, async (range) =>
            (await readLogs(client!, { address: program!, events: HISTORY_EVENTS, strict: true, ...range })) as unknown as SplitterLog[],
          ),
      );
      return { window: data, source };
    },
    select,
  });
}

/** The splitter's Attested, RevenueDeposited, SurplusSynced and Claimed events since VITE_FROM_BLOCK. */
export function useProgramLogs(program: Address | undefined) {
  return useProgramHistory(program, (data) => data.window.logs);
}

/** Where the program's history on the page was read from: the indexer, or the logs and why. */
export function useHistorySource(program: Address | undefined) {
  return useProgramHistory(program, (data) => data.source);
}

export interface ProgramListing {
  program: Address;
  asset: Address;
  alphaBps: bigint;
  index: bigint;
}

/** Programs created by the factory, from its ProgramCreated events (through the indexer when it answers). */
export function useFactoryPrograms(factory: Address | undefined) {
  const client = usePublicClient({ chainId: programChainId });
  const queryClient = useQueryClient();
  const queryKey = ["factoryPrograms", programChainId, factory];
  type Listed = ProgramListing & { blockNumber: bigint };
  return useQuery({
    queryKey,
    enabled: Boolean(client && factory),
    placeholderData: (previous) => previous,
    queryFn: async (): Promise<Sourced<Listed>> => {
      const previous = queryClient.getQueryData<Sourced<Listed>>(queryKey);
      const { data, source } = await fromIndexerOrLogs(
        client!,
        async (url, signal, through) => ({
          logs: (await fetchPrograms(url, signal)).map((p) => ({ program: p.program, asset: p.asset, alphaBps: BigInt(p.alphaBps), index: BigInt(p.index), blockNumber: BigInt(p.createdBlock) })),
          through,
        }),
        () =>
          followLogs(client!, previous?.source.kind === "logs" ? previous.window : undefined, fromBlock, async (range) =>
            (await readLogs(client!, { address: factory!, event: PROGRAM_CREATED, strict: true, ...range })).map((l) => ({
              program: l.args.program,
              asset: l.args.asset,
              alphaBps: l.args.alphaBps,
              index: l.args.index,
              blockNumber: l.blockNumber,
            })),
          ),
      );
      return { window: data, source };
    },
    select: (data): ProgramListing[] => data.window.logs.map(({ blockNumber: _, ...listing }) => listing),
  });
}
