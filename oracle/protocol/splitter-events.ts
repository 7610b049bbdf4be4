// The RevenueSplitter's events as TypeScript types, derived from its ABI (abi.ts) through viem, so
// a change to an event in the contract is a type error wherever the event is read: the audit's
// history (oracle/audit/history.ts) and the dApp's charts (frontend/src/program/history.ts).
import type { ContractEventArgsFromTopics, ContractEventName, Hex } from "viem";
import type { revenueSplitterAbi } from "./abi.ts";

export type SplitterEventName = ContractEventName<typeof revenueSplitterAbi>;

/** An event's arguments as viem decodes them from a log. */
export type SplitterEventArgs<N extends SplitterEventName> = ContractEventArgsFromTopics<typeof revenueSplitterAbi, N>;

/** Where a log sits in the chain. */
export interface LogPosition {
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hex;
}

/** A decoded splitter log of one of the events `N`, as viem's getContractEvents returns it. */
export type SplitterLog<N extends SplitterEventName = SplitterEventName> = N extends SplitterEventName
  ? LogPosition & { eventName: N; args: SplitterEventArgs<N> }
  : never;
