import { describe, expect, it } from "vitest";
import { exactAmount, formatAmount, formatBytes, formatCount, formatMoney, formatPercent, parseAmountInput, shortHex, shortId } from "./format.ts";

describe("formatting", () => {
  it("shows token amounts rounded down, grouped, without trailing zeros", () => {
    expect(formatAmount(1_234_567_890n, 6)).toBe("1,234.56");
    expect(formatAmount(1_000_000n, 6)).toBe("1");
    expect(formatAmount(0n, 6)).toBe("0");
    expect(formatAmount(5n, 6)).toBe("< 0.01");
  });
  it("shows money one way everywhere: two decimals, rounded down, with the exact value beside it", () => {
    // 462.106685 is never "462.1" in one place and "462.11" in another.
    expect(formatMoney(462_106_685n, 6)).toBe("462.10");
    expect(formatMoney(4_532_019_999n, 6)).toBe("4,532.01");
    expect(formatMoney(750_000_000n, 6)).toBe("750.00");
    expect(formatMoney(0n, 6)).toBe("0.00");
    expect(formatMoney(9_999n, 6)).toBe("< 0.01");
    expect(formatMoney(10n ** 30n, 18)).toBe("1,000,000,000,000.00");
    expect(exactAmount(462_106_685n, 6)).toBe("462.106685");
    expect(exactAmount(750_000_000n, 6)).toBe("750");
  });
  it("shows percentages with two decimals, rounded down, and never a non-zero share as 0%", () => {
    expect(formatPercent({ num: 3n, den: 4n })).toBe("75%");
    expect(formatPercent({ num: 1n, den: 3n })).toBe("33.33%");
    expect(formatPercent({ num: 3725n, den: 10_000n })).toBe("37.25%");
    expect(formatPercent({ num: 2n, den: 3n })).toBe("66.66%");
    expect(formatPercent({ num: 1n, den: 30_000n })).toBe("< 0.01%");
    expect(formatPercent({ num: 0n, den: 1n })).toBe("0%");
  });
  it("shows counts grouped and sizes in binary units only", () => {
    expect(formatCount(1_234_567n)).toBe("1,234,567");
    expect(formatCount(42)).toBe("42");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(300_000)).toBe("293 KiB");
    expect(formatBytes(2 * 1024 ** 3)).toBe("2.0 GiB");
  });
  it("parses what a person types into exact units, refusing too many decimals", () => {
    expect(parseAmountInput("1,250.5", 6)).toBe(1_250_500_000n);
    expect(parseAmountInput(".5", 6)).toBe(500_000n);
    expect(parseAmountInput("1.0000001", 6)).toBeUndefined();
    expect(parseAmountInput("abc", 6)).toBeUndefined();
    expect(parseAmountInput("", 6)).toBeUndefined();
  });
  it("shortens addresses one way, hashes and CIDs another", () => {
    expect(shortHex("0x1234567890abcdef1234")).toBe("0x1234…1234");
    expect(shortId("0x1234567890abcdef1234567890")).toBe("0x123456…567890");
  });
});
