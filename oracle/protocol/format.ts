// How numbers are shown to people, in one place so that a value reads the same on every page of
// the dApp and in every command's output.
// - Money: grouped by thousands, exactly two fraction digits, rounded down (a figure never shows
//   more than the contract would pay), the unit always beside it; the exact value on hover and
//   when copied (see ui/Amount.tsx). Amounts typed or confirmed before signing are shown exactly.
// - Shares: percentages with two fraction digits, rounded down; a share too small for that reads
//   "< 0.01%", never "0%".
// - Token and document counts: whole numbers, grouped. Sizes: binary units (KiB, MiB, GiB).
// - Addresses 0x1234…abcd; hashes and CIDs keep six characters at each end.
import { formatUnits } from "viem";
import type { Fraction } from "./payout.ts";

const group = (whole: bigint) => whole.toLocaleString("en-US");

/** Units of a token with `decimals`, at most `maxFraction` fraction digits (rounded down, trailing zeros dropped), grouped by thousands. */
export function formatAmount(units: bigint, decimals: number, maxFraction = 2): string {
  const [whole, frac = ""] = formatUnits(units, decimals).split(".");
  const grouped = group(BigInt(whole));
  const sign = whole.startsWith("-") && grouped[0] !== "-" ? "-" : "";
  const shown = frac.slice(0, maxFraction).replace(/0+$/, "");
  const truncatedNonZero = units !== 0n && BigInt(whole) === 0n && shown === "" && /[1-9]/.test(frac);
  if (truncatedNonZero) return `< ${(10 ** -maxFraction).toFixed(maxFraction)}`;
  return `${sign}${grouped}${shown ? `.${shown}` : ""}`;
}

/** Money as every page shows it: "4,532.01", rounded down, always two fraction digits. */
export function formatMoney(units: bigint, decimals: number): string {
  const [whole, frac = ""] = formatUnits(units, decimals).split(".");
  const cents = frac.slice(0, 2).padEnd(2, "0");
  if (units > 0n && BigInt(whole) === 0n && cents === "00") return "< 0.01";
  const grouped = group(BigInt(whole));
  const sign = whole.startsWith("-") && grouped[0] !== "-" ? "-" : "";
  return `${sign}${grouped}.${cents}`;
}

/** The exact amount, with every decimal the asset has (trailing zeros dropped). */
export function exactAmount(units: bigint, decimals: number): string {
  return formatAmount(units, decimals, decimals);
}

/** A fraction as a percentage with two fraction digits, rounded down (exact BigInt arithmetic). */
export function formatPercent(f: Fraction): string {
  if (f.num === 0n) return "0%";
  const hundredths = (f.num * 10_000n) / f.den; // percent × 100
  if (hundredths === 0n) return "< 0.01%";
  const whole = hundredths / 100n;
  const frac = (hundredths % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return `${group(whole)}${frac ? `.${frac}` : ""}%`;
}

/** A count of tokens or documents: "12,345". */
export function formatCount(n: bigint | number): string {
  return n.toLocaleString("en-US");
}

/** A size in bytes, in binary units: "512 B", "1.5 KiB", "300 KiB", "2.0 GiB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** 0x1234…abcd for an address; hashes and CIDs pass `keep = 6`. */
export function shortHex(value: string, keep = 4): string {
  return value.length <= 2 + keep * 2 + 1 ? value : `${value.slice(0, 2 + keep)}…${value.slice(-keep)}`;
}

/** A hash or a CID, shortened one way everywhere. */
export const shortId = (value: string) => shortHex(value, 6);

/** Parses a decimal amount typed by a user into units; undefined when it is not a number. */
export function parseAmountInput(text: string, decimals: number): bigint | undefined {
  const t = text.trim().replace(/,/g, "");
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(t)) return undefined;
  const [whole, frac = ""] = t.split(".");
  if (frac.length > decimals) return undefined;
  return BigInt(whole || "0") * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
}
