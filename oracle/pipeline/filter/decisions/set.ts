// The labelled decision sets: documents with the decision a data engineer would take on them.
import { readFileSync } from "node:fs";

export interface DecisionRecord {
  id: string;
  /** Where the document comes from, e.g. "hard_wrapped", "yaml"; the label follows from it. */
  genre: string;
  expect: "keep" | "remove";
  /** One line: why that is the right decision. */
  reason: string;
  /** The file or generator it was taken from. */
  source: string;
  text: string;
}

export function readDecisionSet(name: "prose" | "code"): DecisionRecord[] {
  const text = readFileSync(new URL(`./${name}.jsonl`, import.meta.url), "utf8");
  return text.split("\n").filter((l) => l.length > 0).map((l) => JSON.parse(l) as DecisionRecord);
}
