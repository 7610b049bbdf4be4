// The labelled PII set and its scoring: precision and recall per type of the real transform.
import { readFileSync } from "node:fs";
import type { PiiType } from "../detectors.ts";
import { PII_TYPES, PiiRedact } from "../pii.ts";

export interface PiiRecord {
  id: string;
  text: string;
  /** Everything that must be redacted: type and the exact text it replaces. Empty: nothing. */
  expect: Array<{ type: PiiType; value: string }>;
  note: string;
}

export function readPiiSet(): PiiRecord[] {
  return readFileSync(new URL("./pii.jsonl", import.meta.url), "utf8").split("\n").filter((l) => l).map((l) => JSON.parse(l) as PiiRecord);
}

export interface TypeScore {
  truePositives: number;
  falsePositives: string[];
  falseNegatives: string[];
  precision: number;
  recall: number;
}

/** Per type: what the transform redacted against what the set says it must. */
export function scorePii(records: readonly PiiRecord[], pii = new PiiRedact()): Record<PiiType, TypeScore> {
  const score = Object.fromEntries(PII_TYPES.map((t) => [t, { truePositives: 0, falsePositives: [], falseNegatives: [], precision: 1, recall: 1 }])) as unknown as Record<PiiType, TypeScore>;
  for (const rec of records) {
    const expected = rec.expect.map((e) => `${e.type}\u0000${e.value}`);
    const found = pii.find(rec.text).map((f) => `${f.type}\u0000${f.value}`);
    for (const f of found) {
      const [type, value] = f.split("\u0000") as [PiiType, string];
      const at = expected.indexOf(f);
      if (at >= 0) {
        expected.splice(at, 1);
        score[type].truePositives++;
      } else score[type].falsePositives.push(`${rec.id}: ${value}`);
    }
    for (const e of expected) {
      const [type, value] = e.split("\u0000") as [PiiType, string];
      score[type].falseNegatives.push(`${rec.id}: ${value}`);
    }
  }
  for (const s of Object.values(score)) {
    const tp = s.truePositives;
    s.precision = tp + s.falsePositives.length === 0 ? 1 : tp / (tp + s.falsePositives.length);
    s.recall = tp + s.falseNegatives.length === 0 ? 1 : tp / (tp + s.falseNegatives.length);
  }
  return score;
}
