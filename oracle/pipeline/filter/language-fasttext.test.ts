import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Normalize } from "../normalize/normalize.ts";
import { readDecisionSet } from "./decisions/set.ts";
import { createLanguageFilter } from "./language.ts";
import { createFastTextLanguageFilter, sampleOf } from "./language-fasttext.ts";

const normalize = new Normalize();
const set = readDecisionSet("prose").map((d) => ({ ...d, text: normalize.apply(d.text, {}) }));
const fastText = await createFastTextLanguageFilter({ ignoreFencedCode: true });

describe("language: fastText lid.176 as FineWeb runs it", () => {
  it("keeps English above 0.65 and names the rule for other languages", async () => {
    assert.equal(fastText.check("The committee meets every month to review the contributions that arrived since the last meeting."), null);
    assert.equal(fastText.check("Der Ausschuss trifft sich jeden Monat, um die eingegangenen Beiträge zu prüfen."), "language:not_allowed");
    const [top] = fastText.identify("Le comité se réunit chaque mois pour examiner les contributions reçues.");
    assert.equal(top[0], "fr");
    assert.ok(top[1] > 0.65);
    const anyLanguage = await createFastTextLanguageFilter({ languages: [] });
    assert.equal(anyLanguage.check("Le comité se réunit chaque mois pour examiner les contributions reçues."), null);
  });

  it("removes every non-English document of the labelled set and keeps every document of English prose", () => {
    for (const d of set) {
      if (d.genre === "non_english") assert.notEqual(fastText.check(d.text), null, d.id);
      if (["prose", "hard_wrapped", "dictionary", "licence"].includes(d.genre)) assert.equal(fastText.check(d.text), null, d.id);
    }
  });

  it("decides on the first 3,000 characters as it does on the whole document, for every labelled document", async () => {
    const whole = await createFastTextLanguageFilter({ ignoreFencedCode: true, sampleChars: 0 });
    for (const d of set) assert.equal(fastText.check(d.text) === null, whole.check(d.text) === null, d.id);
    assert.equal(sampleOf("one two\nthree four", 0), "one two three four");
    assert.equal(sampleOf("alpha beta gamma delta", 12), "alpha beta");
  });

  it("agrees with ELD on every document of prose and every non-English one; elsewhere it removes more code and data", async () => {
    const eld = await createLanguageFilter();
    let agree = 0;
    for (const d of set) {
      const same = (eld.check(d.text) === null) === (fastText.check(d.text) === null);
      if (same) agree++;
      if (["prose", "hard_wrapped", "dictionary", "licence", "non_english"].includes(d.genre)) assert.ok(same, d.id);
      else if (!same) assert.equal(fastText.check(d.text) === null, false, `${d.id}: kept by fastText, removed by ELD`);
    }
    assert.ok(agree / set.length >= 0.8, `${agree} of ${set.length}`);
  });

  it("gives the same probabilities for the same text, every time", () => {
    const text = set[0].text;
    assert.deepEqual(fastText.identify(text), fastText.identify(text));
  });
});
