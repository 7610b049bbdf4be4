import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Normalize } from "../../normalize/normalize.ts";
import { describeScore, measureDecisions } from "./measure.ts";
import { readDecisionSet } from "./set.ts";

const prose = readDecisionSet("prose");
const code = readDecisionSet("code");
const genres = (set: typeof prose) => new Set(set.map((d) => d.genre));

const END = /\S+[.!?]["')\u201d\u2019]*(?=\s|$)/gu;
/** Every word that ends a sentence, with its punctuation, in order. */
const sentenceEnds = (text: string): string[] => text.match(END) ?? [];
/**
 * The sentence ends of the input's prose: on lines of 3 words or more, or on a line that
 * continues the one before (a wrapped sentence's tail). A 2-word heading may go by C4's rule.
 */
function proseSentenceEnds(text: string): string[] {
  const lines = text.split("\n");
  return lines.flatMap((line, i) => {
    const before = i > 0 ? lines[i - 1].trim() : "";
    const continues = before.length > 0 && !/[.!?:]["')\u201d\u2019]*$/.test(before);
    return line.trim().split(/\s+/).length >= 3 || continues ? sentenceEnds(line) : [];
  });
}
const isSubsequence = (small: readonly string[], big: readonly string[]) => {
  let j = 0;
  for (const x of big) if (j < small.length && x === small[j]) j++;
  return j === small.length;
};

describe("the labelled decision sets", () => {
  it("holds at least 300 prose documents of at least 10 genres and a separate code set, each labelled with a reason", () => {
    assert.ok(prose.length >= 300, `${prose.length} prose documents`);
    assert.ok(genres(prose).size >= 10, [...genres(prose)].join(", "));
    assert.ok(code.length >= 100 && genres(code).size >= 5);
    for (const d of [...prose, ...code]) {
      assert.ok(d.expect === "keep" || d.expect === "remove", d.id);
      assert.ok(d.reason.length > 10 && !d.reason.includes("\n"), `${d.id} needs a one-line reason`);
      assert.ok(d.text.trim().length > 0, d.id);
    }
  });
});

describe("decisions of the prose preset on the labelled set", async () => {
  const score = await measureDecisions(prose, "prose");
  const explain = `${describeScore(score)}\nwrong removals: ${score.wrongRemovals.map((d) => d.id).join(", ")}\nwrong keeps: ${score.wrongKeeps.map((d) => d.id).join(", ")}`;

  it("removes wrongly at most 5% of what it removes", () => {
    assert.ok(score.wrongRemovals.length <= 0.05 * score.removed, explain);
  });

  it("keeps wrongly at most 5% of what it keeps", () => {
    assert.ok(score.wrongKeeps.length <= 0.05 * score.kept, explain);
  });

  it("keeps hard-wrapped prose, licences and dictionary entries whole: not one sentence loses its ending", () => {
    let documents = 0;
    prose.forEach((d, i) => {
      const out = score.texts[i];
      if (out === null || !["hard_wrapped", "licence", "dictionary", "prose"].includes(d.genre)) return;
      const expected = proseSentenceEnds(d.text);
      const missing = expected.filter((e) => !sentenceEnds(out).includes(e));
      assert.ok(isSubsequence(expected, sentenceEnds(out)), `${d.id} lost ${missing.join(" ")}`);
      documents++;
    });
    assert.ok(documents >= 140, `${documents} documents checked`);
  });
});

describe("decisions of the code preset on the code set", async () => {
  const score = await measureDecisions(code, "code");
  const explain = describeScore(score);

  it("removes wrongly at most 5% of what it removes and keeps wrongly at most 5% of what it keeps", () => {
    assert.ok(score.wrongRemovals.length <= 0.05 * score.removed, explain);
    assert.ok(score.wrongKeeps.length <= 0.05 * score.kept, explain);
  });

  it("publishes kept source files as normalized, with no line changed or dropped", () => {
    const normalize = new Normalize();
    code.forEach((d, i) => {
      if (score.texts[i] !== null && d.genre === "source_code") assert.equal(score.texts[i], normalize.apply(d.text, {}), d.id);
    });
  });
});
