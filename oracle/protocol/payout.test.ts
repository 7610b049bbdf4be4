import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { IDEAL_BITS, PRECISION, abs, amountForRevenue, fraction, lessThan, replayPayouts, sub } from "./payout.ts";
import type { PayoutEvent } from "./payout.ts";

const A = "0x00000000000000000000000000000000000000aa";
const B = "0x00000000000000000000000000000000000000bb";

test("pulls floor(gross × α / 10000)", () => {
  assert.equal(amountForRevenue(12_345n, 1_000n), 1_234n);
  assert.equal(amountForRevenue(9n, 1_000n), 0n);
  assert.equal(amountForRevenue(10n ** 30n, 10_000n), 10n ** 30n);
});

test("shares a deposit by the token counts at that moment", () => {
  const r = replayPayouts(
    [
      { kind: "attest", contributor: A, tokens: 1n },
      { kind: "attest", contributor: B, tokens: 3n },
      { kind: "deposit", gross: 4_000n },
    ],
    10_000n,
  );
  assert.deepEqual(r.contributors.get(A)!.ideal, fraction(1_000n));
  assert.deepEqual(r.contributors.get(B)!.ideal, fraction(3_000n));
  assert.equal(r.contributors.get(A)!.contract, 1_000n);
  assert.equal(r.contributors.get(B)!.contract, 3_000n);
  assert.equal(r.held, 0n);
});

test("pays a late contributor nothing of revenue deposited before their attestation", () => {
  const r = replayPayouts(
    [
      { kind: "attest", contributor: A, tokens: 5n },
      { kind: "deposit", gross: 100n },
      { kind: "attest", contributor: B, tokens: 5n },
    ],
    10_000n,
  );
  assert.equal(r.contributors.get(B)!.contract, 0n);
  assert.deepEqual(r.contributors.get(B)!.ideal, fraction(0n));
  assert.equal(r.contributors.get(A)!.contract, 100n);
});

test("holds deposits made while nobody has tokens and shares them at the next deposit", () => {
  const r = replayPayouts(
    [
      { kind: "deposit", gross: 700n },
      { kind: "attest", contributor: A, tokens: 2n },
      { kind: "attest", contributor: B, tokens: 1n },
    ],
    10_000n,
  );
  assert.equal(r.held, 700n);
  assert.equal(r.idealHeld, 700n);
  const r2 = replayPayouts(
    [
      { kind: "deposit", gross: 700n },
      { kind: "attest", contributor: A, tokens: 2n },
      { kind: "attest", contributor: B, tokens: 1n },
      { kind: "deposit", gross: 200n },
    ],
    10_000n,
  );
  assert.equal(r2.held, 0n);
  assert.deepEqual(r2.contributors.get(A)!.ideal, fraction(600n));
  assert.deepEqual(r2.contributors.get(B)!.ideal, fraction(300n));
});

test("carries the remainder of the division into the next deposit", () => {
  const events: PayoutEvent[] = [
    { kind: "attest", contributor: A, tokens: 1n },
    { kind: "attest", contributor: B, tokens: 2n },
  ];
  for (let i = 0; i < 3; i++) events.push({ kind: "deposit", gross: 1n });
  const r = replayPayouts(events, 10_000n);
  // 3 units over 3 tokens, one unit at a time (a third of a unit per token each time): no unit is lost.
  assert.equal(r.contributors.get(A)!.contract, 1n);
  assert.equal(r.contributors.get(B)!.contract, 2n);
  assert.equal(r.held, 0n);
  // Thirds are not exact in fixed point: the ideal is below the exact value by less than one
  // 2^-192 unit per deposit.
  for (const [who, exact] of [[A, 1n], [B, 2n]] as const) {
    const gap = sub(fraction(exact), r.contributors.get(who)!.ideal);
    assert.ok(gap.num >= 0n && lessThan(gap, fraction(3n, 1n << IDEAL_BITS)), `ideal of ${who} off by ${gap.num}/${gap.den}`);
  }
  assert.ok(lessThan(abs(sub(fraction(r.contributors.get(B)!.contract), fraction(2n))), r.contributors.get(B)!.bound));
});

test("refuses α outside 1..10000", () => {
  assert.throws(() => replayPayouts([], 0n), RangeError);
  assert.throws(() => replayPayouts([], 10_001n), RangeError);
});

test("the accumulator never credits more than was deposited and stays within the bound of the formula", () => {
  const people = ["0x01", "0x02", "0x03", "0x04", "0x05"];
  const event = fc.oneof(
    fc.record({ kind: fc.constant("attest" as const), contributor: fc.constantFrom(...people), tokens: fc.bigInt(0n, 10n ** 13n) }),
    fc.record({ kind: fc.constant("deposit" as const), gross: fc.bigInt(1n, 10n ** 30n) }),
    fc.record({ kind: fc.constant("surplus" as const), amount: fc.bigInt(1n, 10n ** 26n) }),
  );
  fc.assert(
    fc.property(fc.array(event, { maxLength: 40 }), fc.bigInt(1n, 10_000n), (events, alpha) => {
      const r = replayPayouts(events, alpha);
      let credited = 0n;
      for (const c of r.contributors.values()) {
        credited += c.contract;
        assert.ok(lessThan(abs(sub(fraction(c.contract), c.ideal)), c.bound), "outside the documented bound");
        // Each bound is at most 1 + (1 + Σ|Δshare|) / 2**32 units: below 2 for fewer than 2**32 events.
        assert.ok(lessThan(c.bound, fraction(2n)));
      }
      assert.ok(credited + r.held <= r.totalDeposited);
      assert.ok(r.totalDeposited - credited - r.held <= BigInt(r.contributors.size) + 1n, "dust above one unit per contributor");
    }),
    { numRuns: 300 },
  );
  assert.equal(PRECISION, 1n << 80n);
});
