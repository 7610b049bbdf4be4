// Runs the gaming set (testset/gaming.ts) through the whole pipeline, as the oracle would: the
// originals as submission 0, then every attack and clean document as submission 1 against the
// same dedup index, and scores each document.
//   caught   an attack removed (by any block), or paid for at most its new text (none for a
//            plain copy) plus a tenth of the copied part; templates: all but the first of each
//   false removal   a clean document removed by dedup (a clean document cut to its new part
//            survives; quality filters' removals are counted apart)
//   false removal   a clean document removed (a clean document cut to its new part survives)
import { Writable } from "node:stream";
import type { PipelineConfig } from "../config.ts";
import { runPipeline, type DocumentOutcome } from "../run/run.ts";
import { jsonlInput } from "../run/testing.ts";
import { PipelineWorkers } from "../run/workers.ts";
import { createTokenCounter } from "../tokenize/counter.ts";
import { generateGamingSet, type GamingDocument, type GamingSizes } from "../testset/gaming.ts";
import { DedupIndex } from "./index.ts";

export interface GamingRow {
  family: string;
  attack: string;
  strength: string;
  documents: number;
  caught: number;
  recall: number;
  /** How the caught ones were caught: rule or duplicate kind -> documents. */
  by: Record<string, number>;
}

export interface GamingQuality {
  rows: GamingRow[];
  /** removed: by dedup (false removals); filtered: by the quality filters; cut: kept without copied units. */
  clean: { documents: number; removed: number; filtered: number; cut: number; removedIds: string[] };
  /** Recall over every strength of each family (1-5). */
  families: Record<string, number>;
  documents: number;
  seconds: number;
  /** Dedup index bytes per accepted document after both submissions. */
  indexBytesPerDocument: number;
}

export async function measureGamingQuality(
  seed: number,
  options: { sizes?: GamingSizes; workers?: number; config?: PipelineConfig } = {},
): Promise<GamingQuality> {
  const set = generateGamingSet(seed, options.sizes);
  const config = options.config ?? {};
  const pool = await PipelineWorkers.start(config, options.workers ?? 1);
  const started = performance.now();
  try {
    const index = new DedupIndex(pool.pipeline.dedup ?? {});
    const submit = async (name: string, texts: string[], sequence: number) => {
      const outcomes: DocumentOutcome[] = [];
      const output = new Writable({ write: (_chunk, _encoding, done) => done() });
      await runPipeline({ config, inputs: [jsonlInput(name, texts)], output, sequence, index, workers: pool, onDocument: (_d, o) => outcomes.push(o) });
      return { outcomes };
    };
    await submit("originals.jsonl", set.accepted, 0);
    const run = await submit("checked.jsonl", set.checked.map((d) => d.text), 1);
    const seconds = (performance.now() - started) / 1000;
    const counter = createTokenCounter(pool.pipeline.id.tokenizer.encoding);
    const rows = new Map<string, GamingRow>();
    const templates = new Map<number, { n: number; caught: number; row: GamingRow }>();
    const clean = { documents: 0, removed: 0, filtered: 0, cut: 0, removedIds: [] as string[] };
    set.checked.forEach((doc, i) => {
      const outcome = run.outcomes[i];
      if (doc.family === "clean") {
        clean.documents++;
        if (outcome.kind === "duplicate") {
          clean.removed++;
          clean.removedIds.push(doc.id);
        } else if (outcome.kind === "removed") clean.filtered++;
        else if (outcome.partial) clean.cut++;
        return;
      }
      const key = `${doc.family}|${doc.attack}|${doc.strength}`;
      const row = rows.get(key) ?? { family: doc.family, attack: doc.attack, strength: doc.strength, documents: 0, caught: 0, recall: 0, by: {} };
      rows.set(key, row);
      const how = outcome.kind === "removed" ? outcome.rule : outcome.kind === "duplicate" ? `dedup:${outcome.match.kind}` : outcome.partial ? "dedup:partial" : "";
      const caught = isCaught(doc, outcome, counter.count);
      if (doc.template !== undefined) {
        const t = templates.get(doc.template) ?? { n: 0, caught: 0, row };
        t.n++;
        if (caught) t.caught++;
        templates.set(doc.template, t);
      } else {
        row.documents++;
        if (caught) row.caught++;
      }
      if (caught) row.by[how] = (row.by[how] ?? 0) + 1;
    });
    for (const t of templates.values()) {
      t.row.documents += t.n - 1;
      t.row.caught += Math.min(t.caught, t.n - 1);
    }
    const families: Record<string, number> = {};
    const byFamily = new Map<string, { n: number; c: number }>();
    for (const row of rows.values()) {
      row.recall = row.documents === 0 ? 1 : row.caught / row.documents;
      const f = byFamily.get(row.family) ?? { n: 0, c: 0 };
      f.n += row.documents;
      f.c += row.caught;
      byFamily.set(row.family, f);
    }
    for (const [f, { n, c }] of byFamily) families[f] = c / n;
    const stats = index.stats();
    return {
      rows: [...rows.values()],
      clean,
      families,
      documents: set.accepted.length + set.checked.length,
      seconds,
      indexBytesPerDocument: stats.bytes / Math.max(1, stats.documents),
    };
  } finally {
    await pool.close();
  }
}

function isCaught(doc: GamingDocument, outcome: DocumentOutcome, count: (text: string) => number): boolean {
  if (outcome.kind !== "kept") return true;
  if (!outcome.partial) return false;
  const newTokens = doc.newText === undefined ? 0 : count(doc.newText);
  const copiedTokens = count(doc.text) - newTokens;
  return outcome.tokens <= newTokens + 0.1 * copiedTokens;
}
