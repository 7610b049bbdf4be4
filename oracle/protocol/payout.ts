// The payout math of 1TT, exactly, in BigInt: the single place it lives.
//
// R_i = T_i / ΣT × R × α, applied deposit by deposit: each deposit pulls floor(gross × α / 10000)
// units and shares them by the token counts at that moment; deposits made while ΣT = 0 are held
// and shared at the next deposit that finds ΣT > 0.
//
// `replayPayouts` returns, per contributor, the ideal lifetime earnings by the formula and what
// RevenueSplitter's integer accumulator credits (claimed + claimable), plus a rigorous bound on
// their difference. The ideal is computed in fixed point with 192 fractional bits (each term
// rounded down, so it is at most one 2^-192 unit per deposit below the exact rational, and the
// bound includes that): exact rationals over many deposits with different ΣT grow without limit
// (their denominators multiply), fixed point keeps every number a few hundred bits. Claims do not appear: in RevenueSplitter a claim never changes lifetime
// earnings (the sub-unit fraction stays owed), so earnings depend on attestations and deposits only.

/** Fractional bits of RevenueSplitter's accumulator (its PRECISION is 2**80). */
export const PRECISION_BITS = 80n;
export const PRECISION = 1n << PRECISION_BITS;
export const BPS = 10_000n;

export type PayoutEvent =
  | { kind: "attest"; contributor: string; tokens: bigint }
  | { kind: "deposit"; gross: bigint }
  /** Units shared by syncSurplus: a deposit of `amount` with no gross revenue reported. */
  | { kind: "surplus"; amount: bigint };

/** A non-negative rational num/den, always reduced, den > 0. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

export interface ContributorPayout {
  /** Tokens after the last event. */
  tokens: bigint;
  /** Lifetime earnings by the formula, exact. */
  ideal: Fraction;
  /** Lifetime earnings the contract credits (claimed + claimable), in units. */
  contract: bigint;
  /** Rigorous bound: |contract − ideal| < bound. */
  bound: Fraction;
}

export interface PayoutReplay {
  /** Keyed by contributor address in lower case. */
  contributors: Map<string, ContributorPayout>;
  totalTokens: bigint;
  totalGross: bigint;
  totalDeposited: bigint;
  /** Units the contract holds undistributed (its `held()` view). */
  held: bigint;
  /** Units the formula has not yet shared (deposits since ΣT was last > 0). */
  idealHeld: bigint;
}

/** Units a deposit reporting `gross` pulls: floor(gross × α / 10000). */
export function amountForRevenue(gross: bigint, alphaBps: bigint): bigint {
  return (gross * alphaBps) / BPS;
}

const gcd = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
};

export function fraction(num: bigint, den = 1n): Fraction {
  if (den === 0n) throw new RangeError("zero denominator");
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

export function add(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function sub(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function mul(a: Fraction, k: bigint): Fraction {
  return fraction(a.num * k, a.den);
}

export function abs(a: Fraction): Fraction {
  return a.num < 0n ? { num: -a.num, den: a.den } : a;
}

export function lessThan(a: Fraction, b: Fraction): boolean {
  return a.num * b.den < b.num * a.den;
}

/** Fractional bits of the ideal's fixed point. */
export const IDEAL_BITS = 192n;
const IDEAL_ONE = 1n << IDEAL_BITS;

interface State {
  tokens: bigint;
  /** Ideal earnings × 2^192, each deposit's term rounded down. */
  ideal: bigint;
  /** Scaled units credited by the accumulator: T × Δacc summed over deposits. */
  scaled: bigint;
  /** Share T/ΣT × 2^192 (rounded down) at the previous distributing deposit. */
  lastShare: bigint;
  /** An upper bound of Σ |Δshare| × ΣT × 2^192 over the distributing deposits, for the bound. */
  variation: bigint;
}

/** Replays attestations and deposits in order; see the file comment. */
export function replayPayouts(events: Iterable<PayoutEvent>, alphaBps: bigint): PayoutReplay {
  if (alphaBps < 1n || alphaBps > BPS) throw new RangeError(`alphaBps ${alphaBps} outside 1..10000`);
  const states = new Map<string, State>();
  let totalTokens = 0n;
  let totalGross = 0n;
  let totalDeposited = 0n;
  let undistributed = 0n; // scaled, like the contract
  let idealHeld = 0n;
  let lastTotal = 0n; // ΣT at the previous distributing deposit
  let distributions = 0n;

  for (const event of events) {
    if (event.kind === "attest") {
      if (event.tokens < 0n) throw new RangeError("negative tokens");
      const key = event.contributor.toLowerCase();
      let state = states.get(key);
      if (!state) {
        state = { tokens: 0n, ideal: 0n, scaled: 0n, lastShare: 0n, variation: 0n };
        states.set(key, state);
      }
      totalTokens += event.tokens - state.tokens;
      state.tokens = event.tokens;
      continue;
    }
    const amount = event.kind === "surplus" ? event.amount : amountForRevenue(event.gross, alphaBps);
    if (event.kind === "deposit") totalGross += event.gross;
    totalDeposited += amount;
    undistributed += amount << PRECISION_BITS;
    idealHeld += amount;
    if (totalTokens === 0n) continue;

    const perToken = undistributed / totalTokens;
    undistributed -= perToken * totalTokens;
    distributions++;
    for (const state of states.values()) {
      const share = (state.tokens << IDEAL_BITS) / totalTokens;
      // The carry left by the previous distributing deposit (< its ΣT scaled units) is shared
      // by today's shares, not yesterday's: that is the only way the two can drift apart.
      // Both shares are rounded down, so |Δ| is off by less than one: + 1 keeps an upper bound.
      if (lastTotal > 0n) {
        const delta = share > state.lastShare ? share - state.lastShare : state.lastShare - share;
        state.variation += (delta + 1n) * lastTotal;
      }
      state.lastShare = share;
      if (state.tokens === 0n) continue;
      state.scaled += state.tokens * perToken;
      state.ideal += ((state.tokens * idealHeld) << IDEAL_BITS) / totalTokens;
    }
    idealHeld = 0n;
    lastTotal = totalTokens;
  }

  const contributors = new Map<string, ContributorPayout>();
  for (const [key, state] of states) {
    // |contract − ideal| < 1 + (Σ_k |Δshare_k| ΣT_k + share_n ΣT_n) / 2**80, in 2^-192 units and
    // rounded up; + one unit per distribution for the ideal's rounding down.
    const drift = state.variation + (state.lastShare + 1n) * lastTotal;
    const driftUnits = (drift + PRECISION - 1n) >> PRECISION_BITS;
    contributors.set(key, {
      tokens: state.tokens,
      ideal: fraction(state.ideal, IDEAL_ONE),
      contract: state.scaled >> PRECISION_BITS,
      bound: fraction(IDEAL_ONE + driftUnits + distributions, IDEAL_ONE),
    });
  }
  return {
    contributors,
    totalTokens,
    totalGross,
    totalDeposited,
    held: undistributed >> PRECISION_BITS,
    idealHeld,
  };
}
