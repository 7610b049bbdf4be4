import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { exactAmount, formatAmount, formatBytes, formatCount, formatMoney, formatPercent, parseAmountInput, shortHex, shortId } from "./format.ts";

describe("formatting", () => {
  it("shows token amounts rounded down, grouped, without trailing zeros", () => {
    assert.equal(formatAmount(1_234_567_890n, 6), "1,234.56");
    assert.equal(formatAmount(1_000_000n, 6), "1");
    assert.equal(formatAmount(0n, 6), "0");
    assert.equal(formatAmount(5n, 6), "< 0.01");
  });
  it("shows money one way everywhere: two decimals, rounded down, with the exact value beside it", () => {
    // 462.106685 is never "462.1" in one place and "462.11" in another.
    assert.equal(formatMoney(462_106_685n, 6), "462.10");
    assert.equal(formatMoney(4_532_019_999n, 6), "4,532.01");
    assert.equal(formatMoney(750_000_000n, 6), "750.00");
    assert.equal(formatMoney(0n, 6), "0.00");
    assert.equal(formatMoney(9_999n, 6), "< 0.01");
    assert.equal(formatMoney(10n ** 30n, 18), "1,000,000,000,000.00");
    assert.equal(exactAmount(462_106_685n, 6), "462.106685");
    assert.equal(exactAmount(750_000_000n, 6), "750");
  });
  it("shows percentages with two decimals, rounded down, and never a non-zero share as 0%", () => {
    assert.equal(formatPercent({ num: 3n, den: 4n }), "75%");
    assert.equal(formatPercent({ num: 1n, den: 3n }), "33.33%");
    assert.equal(formatPercent({ num: 3725n, den: 10_000n }), "37.25%");
    assert.equal(formatPercent({ num: 2n, den: 3n }), "66.66%");
    assert.equal(formatPercent({ num: 1n, den: 30_000n }), "< 0.01%");
    assert.equal(formatPercent({ num: 0n, den: 1n }), "0%");
  });
  it("shows counts grouped and sizes in binary units only", () => {
    assert.equal(formatCount(1_234_567n), "1,234,567");
    assert.equal(formatCount(42), "42");
    assert.equal(formatBytes(512), "512 B");
    assert.equal(formatBytes(1536), "1.5 KiB");
    assert.equal(formatBytes(300_000), "293 KiB");
    assert.equal(formatBytes(2 * 1024 ** 3), "2.0 GiB");
  });
  it("parses what a person types into exact units, refusing too many decimals", () => {
    assert.equal(parseAmountInput("1,250.5", 6), 1_250_500_000n);
    assert.equal(parseAmountInput(".5", 6), 500_000n);
    assert.equal(parseAmountInput("1.0000001", 6), undefined);
    assert.equal(parseAmountInput("abc", 6), undefined);
    assert.equal(parseAmountInput("", 6), undefined);
  });
  it("shortens addresses one way, hashes and CIDs another", () => {
    assert.equal(shortHex("0x1234567890abcdef1234"), "0x1234…1234");
    assert.equal(shortId("0x1234567890abcdef1234567890"), "0x123456…567890");
  });
});
