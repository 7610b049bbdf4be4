import { describe, expect, it } from "vitest";
import type { Address, Hex } from "viem";
import { replayPayouts } from "../../../oracle/protocol/payout.ts";
import { claimsOf, contributorShares, depositSeries, depositSplit, earningsSeries, futureShare, lifetimeEarnings, type SplitterLog } from "./history.ts";

const A = "0x00000000000000000000000000000000000000aA" as Address;
const B = "0x00000000000000000000000000000000000000bB" as Address;
const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
let seq = 0;
const at = (block: number) => ({ blockNumber: BigInt(block), logIndex: seq++ % 5, transactionHash: hash(seq) });
const attested = (block: number, contributor: Address, tokens: bigint): SplitterLog => ({
  ...at(block),
  eventName: "Attested",
  args: { contributor, nonce: 1n, previousTokens: 0n, tokens, totalTokens: 0n, epoch: 1n, signers: 1n, manifestCid: "0x" },
});
const deposited = (block: number, gross: bigint, alphaBps = 1000n): SplitterLog => ({
  ...at(block),
  eventName: "RevenueDeposited",
  args: { depositor: B, gross, amount: (gross * alphaBps) / 10_000n, distributed: 0n, held: 0n, totalTokens: 0n, rewardPerToken: 0n },
});
const claimed = (block: number, contributor: Address, amount: bigint): SplitterLog => ({ ...at(block), eventName: "Claimed", args: { contributor, to: contributor, amount } });

describe("program history", () => {
  const logs = [attested(2, A, 3000n), attested(3, B, 1000n), deposited(4, 10_000_000_000n), claimed(5, A, 750_000_000n), deposited(6, 2_000_000_000n), attested(7, B, 3000n), deposited(8, 1_000_000n)];

  it("charts a contributor's lifetime earnings after each deposit, with the shared payout math", () => {
    const points = earningsSeries(logs, 1000n, A);
    expect(points.map((p) => p.block)).toEqual([2n, 4n, 5n, 6n, 8n]);
    expect(points[1].earned).toBe(750_000_000n); // 3/4 of 10% of 10,000 tUSD
    expect(points[2]).toMatchObject({ earned: 750_000_000n, claimed: 750_000_000n });
    expect(points[3].earned).toBe(900_000_000n);
    // Half of the last 100,000 units, less at most one unit of the accumulator's rounding.
    expect(900_050_000n - points.at(-1)!.earned).toBeLessThanOrEqual(1n);
  });

  it("ends where a full replay ends, whatever the order the RPC returned the logs in", () => {
    const shuffled = [...logs].reverse();
    const last = earningsSeries(shuffled, 1000n, A).at(-1)!.earned;
    const replay = replayPayouts(
      [
        { kind: "attest", contributor: A, tokens: 3000n },
        { kind: "attest", contributor: B, tokens: 1000n },
        { kind: "deposit", gross: 10_000_000_000n },
        { kind: "deposit", gross: 2_000_000_000n },
        { kind: "attest", contributor: B, tokens: 3000n },
        { kind: "deposit", gross: 1_000_000n },
      ],
      1000n,
    );
    expect(last).toBe(replay.contributors.get(A.toLowerCase())!.contract);
    expect(lifetimeEarnings(shuffled, 1000n).get(A.toLowerCase())).toBe(last);
  });

  it("counts units shared by syncSurplus in a contributor's earnings, but not as revenue deposited", () => {
    const surplus: SplitterLog = {
      ...at(9),
      eventName: "SurplusSynced",
      args: { caller: B, amount: 12_345n, distributed: 12_345n, held: 0n, totalTokens: 6000n, rewardPerToken: 0n },
    };
    const before = earningsSeries(logs, 1000n, A).at(-1)!.earned;
    const points = earningsSeries([...logs, surplus], 1000n, A);
    expect(points.at(-1)!.block).toBe(9n);
    // A holds 3,000 of 6,000 tokens: half of the 12,345 units, within a unit.
    expect(before + 6_172n - points.at(-1)!.earned).toBeLessThanOrEqual(1n);
    expect(depositSeries([...logs, surplus]).length).toBe(depositSeries(logs).length);
  });

  it("gives a contributor with no attestation no points", () => {
    expect(earningsSeries(logs, 1000n, "0x0000000000000000000000000000000000000001")).toEqual([]);
  });

  it("lists shares by the latest cumulative count, largest first, dropping contributors at zero", () => {
    const shares = contributorShares([...logs, attested(9, "0x00000000000000000000000000000000000000cC", 0n)]);
    expect(shares.map((s) => [s.contributor, s.tokens])).toEqual([
      [A, 3000n],
      [B, 3000n],
    ]);
    expect(shares[0].share).toEqual({ num: 1n, den: 2n });
  });

  it("accumulates deposits and lists a contributor's claims newest first", () => {
    const d = depositSeries(logs);
    expect(d.map((p) => p.totalGross)).toEqual([10_000_000_000n, 12_000_000_000n, 12_001_000_000n]);
    expect(d.map((p) => p.totalAmount)).toEqual([1_000_000_000n, 1_200_000_000n, 1_200_100_000n]);
    expect(claimsOf(logs, A)).toHaveLength(1);
    expect(claimsOf(logs, B)).toHaveLength(0);
  });

  it("computes the share of each future unit of revenue as α × T_i / ΣT", () => {
    expect(futureShare(1000n, 3000n, 4000n)).toEqual({ num: 3n, den: 40n });
    expect(futureShare(1000n, 0n, 0n)).toEqual({ num: 0n, den: 1n });
  });

  it("splits a deposit as the contract does (floor of α × R)", () => {
    expect(depositSplit(1_999n, 1000n)).toEqual({ toContributors: 199n, kept: 1_800n });
  });
});
