import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { GOPHER_QUALITY_DEFAULTS, GopherQualityFilter } from "./gopher-quality.ts";
import { contentWords, prose } from "./test-helpers.ts";

const f = new GopherQualityFilter();
const R = (r: string) => `gopher_quality:${r}`;

describe("gopher_quality", () => {
  it("keeps ordinary prose and lists every rule id", () => {
    assert.equal(f.check(prose(120)), null);
    assert.equal(f.rules.length, 10);
    assert.deepEqual(f.config, GOPHER_QUALITY_DEFAULTS);
  });

  it("short_doc: 49 words removed, 50 kept", () => {
    assert.equal(f.check(prose(49)), R("short_doc"));
    assert.equal(f.check(prose(50)), null);
  });

  it("long_doc (override maxDocWords 60): 61 removed, 60 kept", () => {
    const g = new GopherQualityFilter({ maxDocWords: 60 });
    assert.equal(g.check(prose(61)), R("long_doc"));
    assert.equal(g.check(prose(60)), null);
    assert.equal(f.check(prose(61)), null);
  });

  it("below_avg_word_length: mean 2.98 removed, 3.00 kept", () => {
    // k two-letter stop words and 100 - k four-letter ones: mean = 4 - 2k/100.
    const doc = (k: number) => [...Array(k).fill("to"), ...Array(100 - k).fill("that")].join(" ");
    assert.equal(f.check(doc(51)), R("below_avg_word_length"));
    assert.equal(f.check(doc(50)), null);
  });

  it("above_avg_word_length: mean 10.01 removed, 10.00 kept", () => {
    const doc = (a: number) => ["the", "the", ...Array(a).fill("abcdefghijk"), ...Array(98 - a).fill("abcdefghij")].join(" ");
    assert.equal(f.check(doc(15)), R("above_avg_word_length"));
    assert.equal(f.check(doc(14)), null);
  });

  it("too_many_hashes: 11 per 100 words removed, 10 kept", () => {
    const doc = (h: number) => `${prose(100)} ${"# ".repeat(h)}`;
    assert.equal(f.check(doc(11)), R("too_many_hashes"));
    assert.equal(f.check(doc(10)), null);
  });

  it("too_many_ellipsis: 11 per 100 words removed, 10 kept (… counts too)", () => {
    const doc = (e: number) => `${prose(50)} ${"... ".repeat(e - 1)}… ${prose(50, 60)}`;
    assert.equal(f.check(doc(11)), R("too_many_ellipsis"));
    assert.equal(f.check(doc(10)), null);
  });

  it("too_many_bullet_lines: 10 of 10 lines removed, 9 of 10 kept", () => {
    const doc = (b: number) => Array.from({ length: 10 }, (_, i) => `${i < b ? (i % 2 ? "- " : "  • ") : ""}${prose(8, i * 8)}`).join("\n");
    assert.equal(f.check(doc(10)), R("too_many_bullet_lines"));
    assert.equal(f.check(doc(9)), null);
  });

  it("too_many_end_ellipsis_lines: 4 of 10 lines removed, 3 of 10 kept", () => {
    const doc = (e: number) => Array.from({ length: 10 }, (_, i) => `${prose(12, i * 12)}${i < e ? "..." : "."}  `).join("\n");
    assert.equal(f.check(doc(4)), R("too_many_end_ellipsis_lines"));
    assert.equal(f.check(doc(3)), null);
  });

  it("below_alpha_words_ratio: 21 numbers in 100 words removed, 20 kept", () => {
    const doc = (k: number) => [...Array.from({ length: k }, (_, i) => String(1000 + i)), prose(100 - k)].join(" ");
    assert.equal(f.check(doc(21)), R("below_alpha_words_ratio"));
    assert.equal(f.check(doc(20)), null);
  });

  it("too_few_stop_words: one removed, two kept; matched case-sensitively", () => {
    const doc = (stops: string[]) => [...stops, ...contentWords(80)].join(" ");
    assert.equal(f.check(doc(["the"])), R("too_few_stop_words"));
    assert.equal(f.check(doc(["the", "with"])), null);
    assert.equal(f.check(doc(["The", "With"])), R("too_few_stop_words"));
  });

  it("config overrides: null disables a rule, custom stop words and bullets apply", () => {
    assert.equal(new GopherQualityFilter({ minDocWords: null }).check(prose(10)), null);
    const g = new GopherQualityFilter({ stopWords: ["river", "garden"] });
    assert.equal(g.check(contentWords(80).join(" ")), null);
    const bullets = Array.from({ length: 10 }, (_, i) => `* ${prose(8, i * 8)}`).join("\n");
    assert.equal(f.check(bullets), null);
    assert.equal(new GopherQualityFilter({ bulletPrefixes: ["*"] }).check(bullets), R("too_many_bullet_lines"));
  });

  it("refuses unknown config keys and wrong types", () => {
    assert.throws(() => new GopherQualityFilter({ minWords: 3 } as never), /unknown config key/);
    assert.throws(() => new GopherQualityFilter({ minDocWords: "3" } as never), /must be number/);
  });
});
