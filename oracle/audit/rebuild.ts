// The splitter's state rebuilt from its events alone: who holds how many tokens, nonces, what was
// claimed, the totals, the committee, its pending proposal and the pause; and what every
// contributor has earned, from the payout model in oracle/protocol/payout.ts (the contract's
// integer accumulator and the exact formula). Surplus shared by syncSurplus counts as a deposit
// with no gross revenue. Along the way, every event is checked against the state before it (the
// figures an event carries must follow from the events before it): an attestation names the
// committee in force and comes while attestations are not paused, a committee after the first
// is the one proposed for its epoch and activated no earlier than the proposal allowed.
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

export interface CommitteeProposal extends Committee {
  activatesAt: bigint;
}

export interface RebuiltState {
  /** Keyed by lower-case address, in order of first attestation. */
  contributors: Map<string, RebuiltContributor>;
  totalTokens: bigint;
  totalGross: bigint;
  totalDeposited: bigint;
  totalClaimed: bigint;
  committee: Committee | null;
  /** The committee proposal pending at the end of the history. */
  proposal: CommitteeProposal | null;
  /** Whether attestations are paused at the end of the history. */
  paused: boolean;
  payouts: PayoutReplay;
  counts: {
    attested: number;
    deposits: number;
    surplusSyncs: number;
    claims: number;
    committeeChanges: number;
    proposals: number;
    cancellations: number;
    pauses: number;
  };
  /** Events whose own figures disagree with the events before them. */
  inconsistencies: Finding[];
}

const at = (e: SplitterEvent) => `block ${e.blockNumber} (tx ${e.transactionHash}, log ${e.logIndex})`;

const sameSigners = (a: readonly Address[], b: readonly Address[]) =>
  a.length === b.length && a.every((s, i) => s.toLowerCase() === b[i].toLowerCase());

/**
 * `blockTimes` (block number → timestamp), when given, lets the rebuild check that a committee was
 * activated no earlier than its proposal allowed.
 */
export function rebuildState(history: History, alphaBps: bigint, blockTimes?: ReadonlyMap<bigint, bigint>): RebuiltState {
  const contributors = new Map<string, RebuiltContributor>();
  const payoutEvents: PayoutEvent[] = [];
  const inconsistencies: Finding[] = [];
  const counts = { attested: 0, deposits: 0, surplusSyncs: 0, claims: 0, committeeChanges: 0, proposals: 0, cancellations: 0, pauses: 0 };
  let proposal: CommitteeProposal | null = null;
  let paused = false;
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
        const inForce = (committee as Committee | null)?.epoch;
        if (e.epoch !== inForce) {
          wrong("state.event_attested_epoch", `Attested for ${c.address} at ${at(e)} names committee epoch ${e.epoch}; the committee in force is epoch ${inForce ?? "none"}.`, c.address);
        }
        if (paused) wrong("state.attested_while_paused", `Attested for ${c.address} at ${at(e)} came while attestations were paused.`, c.address);
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
      case "surplus": {
        counts.surplusSyncs++;
        if (e.totalTokens !== totalTokens) {
          wrong("state.event_surplus_total_tokens", `SurplusSynced at ${at(e)} says it was shared by ΣT = ${e.totalTokens}; the events give ${totalTokens}.`);
        }
        totalDeposited += e.amount;
        payoutEvents.push({ kind: "surplus", amount: e.amount });
        break;
      }
      case "proposal": {
        counts.proposals++;
        const expected = ((committee as Committee | null)?.epoch ?? 0n) + 1n;
        if (e.epoch !== expected) wrong("state.event_proposal_epoch", `CommitteeProposed at ${at(e)} numbers epoch ${e.epoch}; the next epoch is ${expected}.`);
        proposal = { signers: e.signers.map((s) => getAddress(s)), threshold: e.threshold, epoch: e.epoch, activatesAt: e.activatesAt };
        break;
      }
      case "proposal_cancelled": {
        counts.cancellations++;
        if ((proposal as CommitteeProposal | null)?.epoch !== e.epoch) {
          wrong("state.event_cancel_without_proposal", `CommitteeProposalCancelled at ${at(e)} cancels epoch ${e.epoch}, which no pending proposal names.`);
        }
        proposal = null;
        break;
      }
      case "paused":
      case "unpaused":
        if (e.kind === "paused") counts.pauses++;
        paused = e.kind === "paused";
        break;
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
        // Only the creation's committee takes effect without a proposal: any later one must be the
        // committee proposed for its epoch, activated once the delay had passed.
        if (committee !== null) {
          const pending = proposal as CommitteeProposal | null;
          if (!pending || pending.epoch !== e.epoch || pending.threshold !== e.threshold || !sameSigners(pending.signers, e.signers)) {
            wrong("state.committee_not_proposed", `CommitteeChanged at ${at(e)} installs epoch ${e.epoch}, which is not the committee proposed for it.`);
          } else {
            const time = blockTimes?.get(e.blockNumber);
            if (time !== undefined && time < pending.activatesAt) {
              wrong("state.committee_before_delay", `CommitteeChanged at ${at(e)} took effect at time ${time}, before its proposal allowed (${pending.activatesAt}).`);
            }
          }
        }
        proposal = null;
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
    proposal,
    paused,
    payouts: replayPayouts(payoutEvents, alphaBps),
    counts,
    inconsistencies,
  };
}
