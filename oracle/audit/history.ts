// The splitter's history, from its event logs alone: paged eth_getLogs queries by block range
// (viem's iterateLogs: fixed-size pages, halved when a provider refuses a range), resumable from a
// checkpoint that holds every event read so far and the block the scan reached.
import { getAbiItem, type Address, type Client, type Hex } from "viem";
import { getBlock, getBlockNumber, getChainId, getCode, iterateLogs } from "viem/actions";
import { revenueSplitterAbi } from "../protocol/abi.ts";
import { LOG_BLOCK_RANGE } from "../protocol/read-logs.ts";
import type { LogPosition, SplitterEventArgs } from "../protocol/splitter-events.ts";
import { CheckpointMismatchError, SplitterNotFoundError } from "./errors.ts";

interface Position extends LogPosition {
  blockHash: Hex;
}

// Each event is its log's position, a kind, and the arguments viem decodes, typed from the ABI.
/** `epoch`: the committee that signed; `signers`: bit k set when the k-th signer of its list signed. */
export type AttestedEvent = Position & { kind: "attested" } & SplitterEventArgs<"Attested">;
export type DepositedEvent = Position & { kind: "deposited" } & SplitterEventArgs<"RevenueDeposited">;
/** Units sent outside a deposit and shared by syncSurplus: a deposit with no gross revenue. */
export type SurplusEvent = Position & { kind: "surplus" } & SplitterEventArgs<"SurplusSynced">;
export type ClaimedEvent = Position & { kind: "claimed" } & SplitterEventArgs<"Claimed">;
/** A committee now in force (at creation, or a proposal activated). */
export type CommitteeEvent = Position & { kind: "committee" } & SplitterEventArgs<"CommitteeChanged">;
export type ProposalEvent = Position & { kind: "proposal" } & SplitterEventArgs<"CommitteeProposed">;
export type ProposalCancelledEvent = Position & { kind: "proposal_cancelled" } & SplitterEventArgs<"CommitteeProposalCancelled">;
export type PauseEvent = Position & { kind: "paused" | "unpaused" } & SplitterEventArgs<"AttestationsPaused">;
export type SplitterEvent =
  | AttestedEvent
  | DepositedEvent
  | SurplusEvent
  | ClaimedEvent
  | CommitteeEvent
  | ProposalEvent
  | ProposalCancelledEvent
  | PauseEvent;

export interface History {
  chainId: number;
  splitter: Address;
  /** First block scanned (the splitter's deployment block, or what the caller chose). */
  fromBlock: bigint;
  /** Last block scanned: the state the views are compared with is the state at this block. */
  toBlock: bigint;
  /** Every event, in chain order (block, then log index). */
  events: SplitterEvent[];
  /** eth_getLogs pages read by this run (not counting pages of a resumed checkpoint). */
  pages: number;
}

const EVENTS = [
  getAbiItem({ abi: revenueSplitterAbi, name: "Attested" }),
  getAbiItem({ abi: revenueSplitterAbi, name: "RevenueDeposited" }),
  getAbiItem({ abi: revenueSplitterAbi, name: "Claimed" }),
  getAbiItem({ abi: revenueSplitterAbi, name: "CommitteeChanged" }),
  getAbiItem({ abi: revenueSplitterAbi, name: "SurplusSynced" }),
  getAbiItem({ abi: revenueSplitterAbi, name: "CommitteeProposed" }),
  getAbiItem({ abi: revenueSplitterAbi, name: "CommitteeProposalCancelled" }),
  getAbiItem({ abi: revenueSplitterAbi, name: "AttestationsPaused" }),
  getAbiItem({ abi: revenueSplitterAbi, name: "AttestationsUnpaused" }),
] as const;

const KIND = {
  Attested: "attested",
  RevenueDeposited: "deposited",
  Claimed: "claimed",
  CommitteeChanged: "committee",
  SurplusSynced: "surplus",
  CommitteeProposed: "proposal",
  CommitteeProposalCancelled: "proposal_cancelled",
  AttestationsPaused: "paused",
  AttestationsUnpaused: "unpaused",
} as const;

export interface CollectHistoryParameters {
  splitter: Address;
  /** Default: the splitter's deployment block, found by bisection with eth_getCode (needs an archive node). */
  fromBlock?: bigint;
  /** Default: the latest block when the scan starts. */
  toBlock?: bigint;
  /** Blocks per eth_getLogs page. Default 2,000 (LOG_BLOCK_RANGE: what public endpoints allow). */
  pageSize?: bigint;
  /** A history saved from an earlier run (parseCheckpoint): the scan continues after its toBlock. */
  checkpoint?: History;
  /** Called after every page, with the history so far: save `serializeCheckpoint(history)` to resume. */
  onPage?: (history: History, page: { fromBlock: bigint; toBlock: bigint; endBlock: bigint; logs: number }) => void | Promise<void>;
  signal?: AbortSignal;
}

export const DEFAULT_PAGE_SIZE = LOG_BLOCK_RANGE;

/** Reads (or continues reading) the splitter's events up to `toBlock`. */
export async function collectHistory(client: Client, p: CollectHistoryParameters): Promise<History> {
  const chainId = await getChainId(client);
  const toBlock = p.toBlock ?? (await getBlockNumber(client, { cacheTime: 0 }));
  let history: History;
  if (p.checkpoint) {
    history = { ...p.checkpoint, events: [...p.checkpoint.events], pages: 0 };
    await checkResumable(client, history, chainId, p);
  } else {
    const fromBlock = p.fromBlock ?? (await findDeploymentBlock(client, p.splitter, toBlock));
    history = { chainId, splitter: p.splitter, fromBlock, toBlock: fromBlock - 1n, events: [], pages: 0 };
  }
  if (history.toBlock >= toBlock) return history;

  const pages = iterateLogs(client, {
    address: p.splitter,
    events: EVENTS,
    strict: true,
    fromBlock: history.toBlock + 1n,
    toBlock,
    blockRange: p.pageSize ?? DEFAULT_PAGE_SIZE,
  });
  for await (const page of pages) {
    p.signal?.throwIfAborted();
    for (const log of page.logs) history.events.push(decode(log));
    history.toBlock = page.toBlock;
    history.pages++;
    await p.onPage?.(history, { fromBlock: page.fromBlock, toBlock: page.toBlock, endBlock: page.endBlock, logs: page.logs.length });
  }
  return history;
}

// viem's decoded log for the events above; typed loosely here, checked by `kind`.
type DecodedLog = { eventName: keyof typeof KIND; args: Record<string, unknown>; blockNumber: bigint; logIndex: number; transactionHash: Hex; blockHash: Hex };

function decode(raw: unknown): SplitterEvent {
  const log = raw as DecodedLog;
  const position = { blockNumber: log.blockNumber, logIndex: log.logIndex, transactionHash: log.transactionHash, blockHash: log.blockHash };
  return { kind: KIND[log.eventName], ...position, ...log.args } as SplitterEvent;
}

async function checkResumable(client: Client, history: History, chainId: number, p: CollectHistoryParameters): Promise<void> {
  if (history.chainId !== chainId) throw new CheckpointMismatchError(`It is for chain ${history.chainId}; the RPC serves chain ${chainId}.`);
  if (history.splitter.toLowerCase() !== p.splitter.toLowerCase()) throw new CheckpointMismatchError(`It is for splitter ${history.splitter}, not ${p.splitter}.`);
  if (p.fromBlock !== undefined && p.fromBlock !== history.fromBlock) {
    throw new CheckpointMismatchError(`It starts at block ${history.fromBlock}, not ${p.fromBlock}.`);
  }
  // A reorganisation since the checkpoint would change the events it holds: check the block of
  // the last one is still the same block.
  const last = history.events.at(-1);
  if (last) {
    const block = await getBlock(client, { blockNumber: last.blockNumber });
    if (block.hash !== last.blockHash) {
      throw new CheckpointMismatchError(`Block ${last.blockNumber} is now ${block.hash}, the checkpoint saw ${last.blockHash} (a reorganisation).`);
    }
  }
}

/** The first block at which `splitter` has code, by bisection (about log2(toBlock) eth_getCode calls). */
export async function findDeploymentBlock(client: Client, splitter: Address, toBlock: bigint): Promise<bigint> {
  const hasCode = async (blockNumber: bigint) => ((await getCode(client, { address: splitter, blockNumber })) ?? "0x") !== "0x";
  if (!(await hasCode(toBlock))) throw new SplitterNotFoundError(splitter, toBlock);
  let low = 0n; // no code below `low` is known... unless block 0 has it
  let high = toBlock; // has code
  if (await hasCode(0n)) return 0n;
  while (high - low > 1n) {
    const mid = (low + high) / 2n;
    if (await hasCode(mid)) high = mid;
    else low = mid;
  }
  return high;
}

// ------------------------------------------------------------------ checkpoints

// @2: Attested carries the committee epoch and signers; surplus, proposal and pause events.
const CHECKPOINT_SCHEMA = "1tt/audit-checkpoint@2";

/** The history as JSON text (bigints as "123n" strings), to store and resume from. */
export function serializeCheckpoint(history: History): string {
  return JSON.stringify({ schema: CHECKPOINT_SCHEMA, ...history, pages: undefined }, (_key, value) =>
    typeof value === "bigint" ? `${value}n` : value,
  );
}

/** Reads a checkpoint written by serializeCheckpoint. */
export function parseCheckpoint(text: string): History {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text, (_key, v) => (typeof v === "string" && /^\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v));
  } catch (cause) {
    throw new CheckpointMismatchError(`It is not JSON: ${(cause as Error).message}.`);
  }
  if (value?.schema !== CHECKPOINT_SCHEMA || !Array.isArray(value.events) || typeof value.toBlock !== "bigint") {
    throw new CheckpointMismatchError(`It is not a ${CHECKPOINT_SCHEMA} document.`);
  }
  const { schema: _schema, ...history } = value;
  return { ...(history as unknown as History), pages: 0 };
}
