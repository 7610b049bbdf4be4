// The program's history as the dApp shows it, derived from the splitter's events alone. Every
// amount comes from oracle/protocol/payout.ts (the single place the payout math lives); this file
// only orders events, picks the contributor's points and shapes them for charts and tables.
import type { Address, Hex } from "viem";
import { amountForRevenue, BPS, fraction, replayPayouts, type Fraction, type PayoutEvent } from "../../../oracle/protocol/payout.ts";
import type { LogPosition, SplitterLog as ProtocolSplitterLog } from "../../../oracle/protocol/splitter-events.ts";

/** The splitter's events the charts and tables read (types from the ABI, oracle/protocol). */
export type SplitterLog = ProtocolSplitterLog<"Attested" | "RevenueDeposited" | "SurplusSynced" | "Claimed">;

/** Events that share units among contributors: revenue deposits and surplus shared by syncSurplus. */
const shares = (log: SplitterLog) => log.eventName === "RevenueDeposited" || log.eventName === "SurplusSynced";

/** Chain order: by block, then by position in the block. */
export function inChainOrder<T extends LogPosition>(logs: readonly T[]): T[] {
  return [...logs].sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1));
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function toPayoutEvent(log: SplitterLog): PayoutEvent | undefined {
  if (log.eventName === "Attested") return { kind: "attest", contributor: log.args.contributor, tokens: log.args.tokens };
  if (log.eventName === "RevenueDeposited") return { kind: "deposit", gross: log.args.gross };
  if (log.eventName === "SurplusSynced") return { kind: "surplus", amount: log.args.amount };
  return undefined;
}

export interface EarningsPoint {
  block: bigint;
  /** Lifetime earnings credited by the contract after this block (claimed + claimable), in units. */
  earned: bigint;
  /** Lifetime claims after this block, in units. */
  claimed: bigint;
}

/**
 * The contributor's lifetime earnings after every deposit and claim since their first attestation,
 * replayed with the shared payout math. Quadratic in the number of deposits: fine for the hundreds
 * a program page shows; an indexer would carry the replay state instead.
 */
export function earningsSeries(logs: readonly SplitterLog[], alphaBps: bigint, contributor: Address): EarningsPoint[] {
  const ordered = inChainOrder(logs);
  const events: PayoutEvent[] = [];
  const points: EarningsPoint[] = [];
  let started = false;
  let claimed = 0n;
  for (const log of ordered) {
    const event = toPayoutEvent(log);
    if (event) events.push(event);
    const mine = (log.eventName === "Attested" || log.eventName === "Claimed") && same(log.args.contributor, contributor);
    if (log.eventName === "Attested" && mine) started = true;
    if (!started) continue;
    if (log.eventName === "Claimed" && mine) claimed += log.args.amount;
    const record = shares(log) || (log.eventName === "Claimed" && mine) || points.length === 0;
    if (!record) continue;
    const earned = replayPayouts(events, alphaBps).contributors.get(contributor.toLowerCase())?.contract ?? 0n;
    const last = points[points.length - 1];
    if (last && last.block === log.blockNumber) points[points.length - 1] = { block: log.blockNumber, earned, claimed };
    else points.push({ block: log.blockNumber, earned, claimed });
  }
  return points;
}

/** Lifetime earnings of every contributor by the replay (the contract's claimed + claimable). */
export function lifetimeEarnings(logs: readonly SplitterLog[], alphaBps: bigint): Map<string, bigint> {
  const events = inChainOrder(logs).map(toPayoutEvent).filter((e): e is PayoutEvent => e !== undefined);
  const replay = replayPayouts(events, alphaBps);
  return new Map([...replay.contributors].map(([k, v]) => [k, v.contract]));
}

export interface ContributorShare {
  contributor: Address;
  tokens: bigint;
  share: Fraction;
}

/** Every contributor with tokens now, largest first (each Attested event carries the cumulative count). */
export function contributorShares(logs: readonly SplitterLog[]): ContributorShare[] {
  const tokens = new Map<string, { contributor: Address; tokens: bigint }>();
  for (const log of inChainOrder(logs)) {
    if (log.eventName === "Attested") tokens.set(log.args.contributor.toLowerCase(), { contributor: log.args.contributor, tokens: log.args.tokens });
  }
  const live = [...tokens.values()].filter((t) => t.tokens > 0n);
  const total = live.reduce((s, t) => s + t.tokens, 0n);
  return live
    .sort((a, b) => (a.tokens === b.tokens ? 0 : a.tokens > b.tokens ? -1 : 1))
    .map((t) => ({ ...t, share: fraction(t.tokens, total) }));
}

export interface DepositPoint {
  block: bigint;
  transactionHash: Hex;
  depositor: Address;
  gross: bigint;
  amount: bigint;
  /** Running totals after this deposit. */
  totalGross: bigint;
  totalAmount: bigint;
}

export function depositSeries(logs: readonly SplitterLog[]): DepositPoint[] {
  let totalGross = 0n;
  let totalAmount = 0n;
  const points: DepositPoint[] = [];
  for (const log of inChainOrder(logs)) {
    if (log.eventName !== "RevenueDeposited") continue;
    totalGross += log.args.gross;
    totalAmount += log.args.amount;
    points.push({ block: log.blockNumber, transactionHash: log.transactionHash, depositor: log.args.depositor, gross: log.args.gross, amount: log.args.amount, totalGross, totalAmount });
  }
  return points;
}

export interface ClaimRow {
  block: bigint;
  transactionHash: Hex;
  to: Address;
  amount: bigint;
}

/** The contributor's claims, newest first. */
export function claimsOf(logs: readonly SplitterLog[], contributor: Address): ClaimRow[] {
  return inChainOrder(logs)
    .filter((l): l is Extract<SplitterLog, { eventName: "Claimed" }> & LogPosition => l.eventName === "Claimed" && same(l.args.contributor, contributor))
    .map((l) => ({ block: l.blockNumber, transactionHash: l.transactionHash, to: l.args.to, amount: l.args.amount }))
    .reverse();
}

/** The contributor's share of each future unit of gross revenue: α × T_i / ΣT (0 without tokens). */
export function futureShare(alphaBps: bigint, tokens: bigint, totalTokens: bigint): Fraction {
  return totalTokens === 0n ? fraction(0n) : fraction(alphaBps * tokens, BPS * totalTokens);
}

/** What a deposit reporting `gross` pulls and what stays with the consumer. */
export function depositSplit(gross: bigint, alphaBps: bigint): { toContributors: bigint; kept: bigint } {
  const toContributors = amountForRevenue(gross, alphaBps);
  return { toContributors, kept: gross - toContributors };
}
