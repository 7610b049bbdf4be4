import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withDefaults } from "../config.ts";
import { PRESETS } from "../presets.ts";
import { createQualityBlocks, isFilter } from "./chain.ts";
import { explainRemovals, explainRule } from "./explain.ts";

describe("rule explanations for the report", () => {
  it("explain every rule any preset's filters can report, in words, with a threshold and advice", async () => {
    for (const preset of PRESETS) {
      const quality = withDefaults({ preset }).quality;
      for (const block of await createQualityBlocks(quality)) {
        if (!isFilter(block)) continue;
        for (const rule of block.rules) {
          const e = explainRule(rule, quality);
          assert.ok(e, `${preset}: ${rule} has no explanation`);
          for (const text of [e.checks, e.threshold, e.advice]) assert.ok(text.length > 3 && !/undefined|NaN/.test(text), `${rule}: "${text}"`);
        }
      }
    }
  });

  it("state the threshold as configured, not the published default", () => {
    assert.equal(explainRule("gopher_quality:short_doc")?.threshold, "at least 50 words");
    assert.equal(explainRule("gopher_quality:short_doc", { gopherQuality: { minDocWords: 20 } })?.threshold, "at least 20 words");
    assert.equal(explainRule("c4_quality:too_few_sentences", withDefaults({ preset: "prose" }).quality)?.threshold, "at least 1 sentence");
    assert.equal(explainRule("gopher_repetition:top_2_gram")?.threshold, "at most 20% of characters");
    assert.equal(explainRule("language:low_score", { fastTextLanguage: {} })?.threshold, "an accepted language's probability above 0.65");
    assert.equal(explainRule("language:low_score", withDefaults({ preset: "prose" }).quality)?.threshold, "score above 0.5");
  });

  it("cover exactly the rules that removed documents, in sorted order", () => {
    const out = explainRemovals({ "gopher_quality:short_doc": {}, "c4_quality:lorem_ipsum": {}, "no_such:rule": {} });
    assert.deepEqual(Object.keys(out), ["c4_quality:lorem_ipsum", "gopher_quality:short_doc"]);
  });
});
