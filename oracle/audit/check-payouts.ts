// Check 3: every contributor's lifetime earnings on chain (claimed + claimable) equal the formula
// R_i = T_i/ΣT × R × α applied deposit by deposit, in exact integer arithmetic: the contract's
// accumulator as oracle/protocol/payout.ts models it, which must sit within that file's rigorous
// bound of the ideal rational; and the dust the splitter keeps stays within its documented bound
// (deposited = claimed + claimable + held + dust, 0 ≤ dust < contributors + 1 units).
import { abs, add, fraction, lessThan, sub, type Fraction } from "../protocol/payout.ts";
import type { SplitterViews } from "./read-views.ts";
import type { RebuiltState } from "./rebuild.ts";
import { CheckBuilder, type CheckResult } from "./report.ts";

/** A non-negative or negative fraction as a decimal with `digits` places (rounded toward zero). */
export function formatFraction(f: Fraction, digits = 6): string {
  const negative = f.num < 0n;
  const num = negative ? -f.num : f.num;
  const whole = num / f.den;
  const scale = 10n ** BigInt(digits);
  const rest = ((num % f.den) * scale) / f.den;
  const text = digits > 0 ? `${whole}.${rest.toString().padStart(digits, "0")}` : `${whole}`;
  return negative && (whole > 0n || rest > 0n) ? `-${text}` : text;
}

export function checkPayouts(rebuilt: RebuiltState, views: SplitterViews): CheckResult {
  const check = new CheckBuilder("payouts");
  let idealTotal = fraction(0n);
  let earnedTotal = 0n;
  let claimableTotal = 0n;
  let worst = fraction(0n);
  let worstBound = fraction(0n);
  for (const [key, model] of rebuilt.payouts.contributors) {
    const address = rebuilt.contributors.get(key)?.address ?? key;
    const v = views.contributors.get(key);
    if (!v) continue; // reported by the state check
    const earned = v.claimed + v.claimable;
    earnedTotal += earned;
    claimableTotal += v.claimable;
    idealTotal = add(idealTotal, model.ideal);
    const drift = abs(sub(fraction(earned), model.ideal));
    if (lessThan(worst, drift)) worst = drift;
    if (lessThan(worstBound, model.bound)) worstBound = model.bound;
    if (earned !== model.contract) {
      check.fail(
        "payouts.formula_mismatch",
        `${address} has earned ${earned} units on chain (claimed ${v.claimed} + claimable ${v.claimable}); the formula, deposit by deposit, ` +
          `gives ${model.contract} (exactly ${formatFraction(model.ideal)} before rounding): ${earned > model.contract ? "over" : "under"}paid by ${earned > model.contract ? earned - model.contract : model.contract - earned} units.`,
        address,
      );
    } else if (!lessThan(drift, model.bound)) {
      check.fail(
        "payouts.dust_out_of_bound",
        `${address} has earned ${earned} units, ${formatFraction(drift)} away from the exact ${formatFraction(model.ideal)}; the contract's bound is ${formatFraction(model.bound)}.`,
        address,
      );
    }
  }

  // The splitter-wide identity and its bound.
  const dust = views.totalDeposited - views.totalClaimed - claimableTotal - views.held;
  const dustBound = BigInt(rebuilt.payouts.contributors.size) + 1n;
  if (dust < 0n || dust >= dustBound) {
    check.fail(
      "payouts.dust_out_of_bound",
      `deposited ${views.totalDeposited} − claimed ${views.totalClaimed} − claimable ${claimableTotal} − held ${views.held} leaves ${dust} units of dust; ` +
        `the contract's bound is 0 ≤ dust < contributors + 1 = ${dustBound}.`,
    );
  }
  Object.assign(check.figures, {
    contributors: rebuilt.payouts.contributors.size,
    deposits: rebuilt.counts.deposits,
    earnedOnChain: String(earnedTotal),
    earnedByFormula: formatFraction(idealTotal),
    formulaNotYetShared: String(rebuilt.payouts.idealHeld),
    dust: String(dust),
    dustBound: `< ${dustBound}`,
    largestDriftFromFormula: formatFraction(worst),
    largestContributorBound: formatFraction(worstBound),
  });
  return check.result();
}
