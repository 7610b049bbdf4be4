import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NON_ENGLISH } from "../testset/corpus/non-english.ts";
import { createLanguageFilter, languageIdentifier, proseLines } from "./language.ts";
import { sentences } from "./test-helpers.ts";

const english =
  "The committee met on Tuesday to discuss the budget for the coming year. Several members argued that the library " +
  "should receive more money, because the number of visitors has grown steadily since the new reading room opened.";
const f = await createLanguageFilter();

describe("language", () => {
  it("names the library, its version and database in its config (for the pipeline id)", () => {
    assert.deepEqual(languageIdentifier(), { name: "eld", version: "2.1.0" });
    assert.equal(f.config.model, "eld@2.1.0/medium");
    assert.deepEqual([...f.rules], ["language:not_allowed", "language:low_score"]);
  });

  it("keeps English and removes every committed non-English sample as not_allowed", () => {
    assert.equal(f.check(english), null);
    for (const [lang, s] of Object.entries(NON_ENGLISH)) assert.equal(f.check(s.join(" ")), "language:not_allowed", lang);
  });

  it("not_allowed for text with no language at all; low_score just at the threshold, kept just below", async () => {
    assert.equal(f.check("12345 67890 2024-01-01"), "language:not_allowed");
    const { score } = f.identify(english);
    assert.ok(score > 0.7 && score < 1);
    assert.equal((await createLanguageFilter({ scoreThreshold: score })).check(english), "language:low_score");
    assert.equal((await createLanguageFilter({ scoreThreshold: score - 1e-9 })).check(english), null);
  });

  it("config: another allow-list, or an empty one that keeps every language above the threshold", async () => {
    const fr = await createLanguageFilter({ languages: ["fr"] });
    assert.equal(fr.check(NON_ENGLISH.fr.join(" ")), null);
    assert.equal(fr.check(english), "language:not_allowed");
    const any = await createLanguageFilter({ languages: [] });
    assert.equal(any.check(NON_ENGLISH.de.join(" ")), null);
    assert.equal(any.check("12345 67890"), "language:low_score");
    await assert.rejects(createLanguageFilter({ windows: 0 }), /windows/);
    await assert.rejects(createLanguageFilter({ database: "huge" as never }), /unknown ELD database/);
  });

  it("identifies the prose under a menu, not the menu", () => {
    const menu = "Home\nAbout us\nProducts\nContact\nLogin\nSign up\nCart\nSearch\nHelp\nNews\n";
    assert.equal(f.check(menu + NON_ENGLISH.es.join(" ")), "language:not_allowed");
    assert.equal(proseLines("Home\nAbout\n" + english, 40, 1000), english);
    assert.equal(proseLines("Home\nAbout", 40, 1000), "Home\nAbout");
  });

  it("with several windows, averages them (a German document with an English first kilobyte)", async () => {
    const doc = `${sentences(20, 8).join(" ")}\n${Array(4).fill(NON_ENGLISH.de.join(" ")).join("\n")}`;
    assert.equal(f.check(doc), null);
    assert.equal((await createLanguageFilter({ windows: 5 })).check(doc), "language:not_allowed");
  });
});
