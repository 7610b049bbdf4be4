import { describe, expect, it } from "vitest";
import { formatAmount, formatPercent, parseAmountInput, shortHex } from "./format.ts";

describe("formatting", () => {
  it("shows token amounts rounded down, grouped, without trailing zeros", () => {
    expect(formatAmount(1_234_567_890n, 6)).toBe("1,234.56");
    expect(formatAmount(1_000_000n, 6)).toBe("1");
    expect(formatAmount(0n, 6)).toBe("0");
    expect(formatAmount(5n, 6)).toBe("< 0.01");
  });
  it("shows percentages with four significant digits", () => {
    expect(formatPercent({ num: 3n, den: 4n })).toBe("75%");
    expect(formatPercent({ num: 1n, den: 3n })).toBe("33.33%");
    expect(formatPercent({ num: 1n, den: 30_000n })).toBe("0.003333%");
    expect(formatPercent({ num: 0n, den: 1n })).toBe("0%");
  });
  it("parses what a person types into exact units, refusing too many decimals", () => {
    expect(parseAmountInput("1,250.5", 6)).toBe(1_250_500_000n);
    expect(parseAmountInput(".5", 6)).toBe(500_000n);
    expect(parseAmountInput("1.0000001", 6)).toBeUndefined();
    expect(parseAmountInput("abc", 6)).toBeUndefined();
    expect(parseAmountInput("", 6)).toBeUndefined();
  });
  it("shortens hashes", () => {
    expect(shortHex("0x1234567890abcdef1234")).toBe("0x1234…1234");
  });
});
