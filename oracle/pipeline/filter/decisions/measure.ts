// Runs a decision set through the real per-document pipeline of a preset and counts the wrong
// decisions: wrong removals (labelled keep, removed) and wrong keeps (labelled remove, kept).
import { DocumentProcessor } from "../../process.ts";
import type { PresetName } from "../../presets.ts";
import type { DecisionRecord } from "./set.ts";

export interface DecisionScore {
  removed: number;
  kept: number;
  wrongRemovals: DecisionRecord[];
  wrongKeeps: DecisionRecord[];
  /** The rule that removed each document (null: kept), in the set's order. */
  removedBy: (string | null)[];
  /** Texts as published (null when removed), in the set's order. */
  texts: (string | null)[];
}

export async function measureDecisions(set: readonly DecisionRecord[], preset: PresetName): Promise<DecisionScore> {
  const processor = await DocumentProcessor.create({ preset, dedup: { enabled: false }, pii: { enabled: false } });
  const batch = processor.processBatch(set.map((d) => d.text));
  const score: DecisionScore = { removed: 0, kept: 0, wrongRemovals: [], wrongKeeps: [], removedBy: batch.removedBy, texts: batch.texts };
  set.forEach((d, i) => {
    if (batch.removedBy[i] !== null) {
      score.removed++;
      if (d.expect === "keep") score.wrongRemovals.push(d);
    } else {
      score.kept++;
      if (d.expect === "remove") score.wrongKeeps.push(d);
    }
  });
  return score;
}

/** "wrong removals 7 of 176 (4.0%); wrong keeps 3 of 259 (1.2%)" */
export function describeScore(s: DecisionScore): string {
  const pct = (a: number, b: number) => (b === 0 ? "0.0" : ((100 * a) / b).toFixed(1));
  return `wrong removals ${s.wrongRemovals.length} of ${s.removed} (${pct(s.wrongRemovals.length, s.removed)}%); ` +
    `wrong keeps ${s.wrongKeeps.length} of ${s.kept} (${pct(s.wrongKeeps.length, s.kept)}%)`;
}
