// The splitter's state rebuilt from its events alone: who holds how many tokens, nonces, what was
// claimed, the totals and the committee; and what every contributor has earned, from the payout
// model in oracle/protocol/payout.ts (the contract's integer accumulator and the exact formula).
// Along the way, every event is checked against the state before it (the figures an event
// carries must follow from the events before it).
import { getAddress, type Address } from "viem";
import { amountForRevenue, replayPayouts, type PayoutEvent, type PayoutReplay } from "../protocol/payout.ts";
import type { History, SplitterEvent } from "./history.ts";
import type { Finding } from "./report.ts";

export interface RebuiltContributor {
  address: Address;
  tokens: bigint;
  nonce: bigint;
  /** Sum of Claimed amounts. */
  claimed: bigint;
}

export interface Committee {
  signers: readonly Address[];
  threshold: bigint;
  epoch: bigint;
}

export interface RebuiltState {
  /** Keyed by lower-case address, in order of first attestation. */
  contributors: Map<string, RebuiltContributor>;
  totalTokens: bigint;
  totalGross: bigint;
  totalDeposited: bigint;
  totalClaimed: bigint;
  committee: Committee | null;
  payouts: PayoutReplay;
  counts: { attested: number; deposits: number; claims: number; committeeChanges: number };
  /** Events whose own figures disagree with the events before them. */
  inconsistencies: Finding[];
}

const at = (e: SplitterEvent) => `block ${e.blockNumber} (tx ${e.transactionHash}, log ${e.logIndex})`;

export function rebuildState(history: History, alphaBps: bigint): RebuiltState {
  const contributors = new Map<string, RebuiltContributor>();
  const payoutEvents: PayoutEvent[] = [];
  const inconsistencies: Finding[] = [];
  const counts = { attested: 0, deposits: 0, claims: 0, committeeChanges: 0 };
  let totalTokens = 0n;
  let totalGross = 0n;
  let totalDeposited = 0n;
  let totalClaimed = 0n;
  let committee: Committee | null = null;
  const wrong = (code: string, message: string, subject?: string) => inconsistencies.push({ code, message, ...(subject ? { subject } : {}) });

  for (const e of history.events) {
    switch (e.kind) {
      case "attested": {
        counts.attested++;
        const key = e.contributor.toLowerCase();
        let c = contributors.get(key);
        if (!c) contributors.set(key, (c = { address: getAddress(e.contributor), tokens: 0n, nonce: 0n, claimed: 0n }));
        if (e.previousTokens !== c.tokens) {
          wrong("state.event_previous_tokens", `Attested for ${c.address} at ${at(e)} says it had ${e.previousTokens} tokens before; the events before it give ${c.tokens}.`, c.address);
        }
        totalTokens += e.tokens - c.tokens;
        c.tokens = e.tokens;
        c.nonce = e.nonce;
        if (e.totalTokens !== totalTokens) {
          wrong("state.event_total_tokens", `Attested for ${c.address} at ${at(e)} says ΣT is ${e.totalTokens}; the events give ${totalTokens}.`, c.address);
        }
        payoutEvents.push({ kind: "attest", contributor: key, tokens: e.tokens });
        break;
      }
      case "deposited": {
        counts.deposits++;
        const expected = amountForRevenue(e.gross, alphaBps);
        if (e.amount !== expected) {
          wrong("state.event_deposit_amount", `RevenueDeposited at ${at(e)} pulled ${e.amount} units for gross ${e.gross}; α = ${alphaBps} bps gives ${expected}.`);
        }
        if (e.totalTokens !== totalTokens) {
          wrong("state.event_deposit_total_tokens", `RevenueDeposited at ${at(e)} says it was shared by ΣT = ${e.totalTokens}; the events give ${totalTokens}.`);
        }
        totalGross += e.gross;
        totalDeposited += e.amount;
        payoutEvents.push({ kind: "deposit", gross: e.gross });
        break;
      }
      case "claimed": {
        counts.claims++;
        const key = e.contributor.toLowerCase();
        let c = contributors.get(key);
        if (!c) contributors.set(key, (c = { address: getAddress(e.contributor), tokens: 0n, nonce: 0n, claimed: 0n }));
        c.claimed += e.amount;
        totalClaimed += e.amount;
        break;
      }
      case "committee": {
        counts.committeeChanges++;
        const expected: bigint = ((committee as Committee | null)?.epoch ?? 0n) + 1n;
        if (e.epoch !== expected) wrong("state.event_committee_epoch", `CommitteeChanged at ${at(e)} numbers epoch ${e.epoch}; the one before was ${expected - 1n}.`);
        committee = { signers: e.signers.map((s) => getAddress(s)), threshold: e.threshold, epoch: e.epoch };
        break;
      }
    }
  }
  return {
    contributors,
    totalTokens,
    totalGross,
    totalDeposited,
    totalClaimed,
    committee,
    payouts: replayPayouts(payoutEvents, alphaBps),
    counts,
    inconsistencies,
  };
}
