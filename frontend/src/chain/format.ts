// Display formatting of chain values. Figures keep their exact value in a data-value attribute;
// what is shown is rounded for reading only.
import { formatUnits } from "viem";
import type { Fraction } from "../../../oracle/protocol/payout.ts";

/** Units of a token with `decimals`, at most `maxFraction` fraction digits, grouped by thousands. */
export function formatAmount(units: bigint, decimals: number, maxFraction = 2): string {
  const [whole, frac = ""] = formatUnits(units, decimals).split(".");
  const grouped = BigInt(whole).toLocaleString("en-US");
  const sign = whole.startsWith("-") && grouped[0] !== "-" ? "-" : "";
  const shown = frac.slice(0, maxFraction).replace(/0+$/, "");
  const truncatedNonZero = units !== 0n && BigInt(whole) === 0n && shown === "" && /[1-9]/.test(frac);
  if (truncatedNonZero) return `< ${(10 ** -maxFraction).toFixed(maxFraction)}`;
  return `${sign}${grouped}${shown ? `.${shown}` : ""}`;
}

/** A fraction as a percentage with `digits` significant digits (exact BigInt arithmetic). */
export function formatPercent(f: Fraction, digits = 4): string {
  if (f.num === 0n) return "0%";
  // Scale so that the integer part carries enough digits, then place the point.
  const scale = 10n ** 20n;
  const scaled = (f.num * 100n * scale) / f.den; // percent × 1e20
  const text = scaled.toString().padStart(21, "0");
  const whole = text.slice(0, -20).replace(/^0+(?=\d)/, "");
  const frac = text.slice(-20);
  const firstSignificant = whole === "0" ? frac.search(/[1-9]/) : -whole.length;
  const keep = Math.max(0, firstSignificant + digits);
  const shown = frac.slice(0, keep).replace(/0+$/, "");
  return `${whole}${shown ? `.${shown}` : ""}%`;
}

/** 0x1234…abcd */
export function shortHex(value: string, keep = 4): string {
  return value.length <= 2 + keep * 2 + 1 ? value : `${value.slice(0, 2 + keep)}…${value.slice(-keep)}`;
}

/** Parses a decimal amount typed by a user into units; undefined when it is not a number. */
export function parseAmountInput(text: string, decimals: number): bigint | undefined {
  const t = text.trim().replace(/,/g, "");
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(t)) return undefined;
  const [whole, frac = ""] = t.split(".");
  if (frac.length > decimals) return undefined;
  return BigInt(whole || "0") * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
}
