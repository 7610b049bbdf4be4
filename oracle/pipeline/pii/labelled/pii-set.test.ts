import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PII_TYPES } from "../pii.ts";
import { readPiiSet, scorePii } from "./set.ts";

const set = readPiiSet();
const score = scorePii(set);

describe("PII redaction on the labelled PII set", () => {
  it("holds at least 40 items of every type and at least 80 look-alikes that must stay", () => {
    for (const type of PII_TYPES) assert.ok(set.filter((r) => r.expect.some((e) => e.type === type)).length >= 40, type);
    assert.ok(set.filter((r) => r.expect.length === 0).length >= 80);
  });

  for (const type of PII_TYPES) {
    it(`${type}: precision at least 0.98 and recall at least 0.95`, () => {
      const s = score[type];
      const detail = `precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}; wrongly redacted: ${s.falsePositives.join(" | ")}; missed: ${s.falseNegatives.join(" | ")}`;
      assert.ok(s.precision >= 0.98, detail);
      assert.ok(s.recall >= 0.95, detail);
    });
  }
});
