// Helpers for the runner's tests: run a submission from in-memory documents or files and collect
// the output bytes, the report and each document's outcome.
import { createHash } from "node:crypto";
import { PassThrough } from "node:stream";
import type { PipelineConfig } from "../config.ts";
import type { DedupLookup } from "../dedup/lookup.ts";
import type { PipelineWorkers } from "./workers.ts";
import { runPipeline, type DocumentOutcome, type RunInput, type RunResult } from "./run.ts";

export interface Collected extends RunResult {
  output: string;
  outputSha256: string;
  reportSha256: string;
  outcomes: DocumentOutcome[];
}

/** A JSONL input held in memory, streamed to the reader in small uneven chunks. */
export function jsonlInput(name: string, texts: readonly string[], chunkBytes = 4093): RunInput {
  const bytes = Buffer.from(texts.map((text) => JSON.stringify({ text }) + "\n").join(""));
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += chunkBytes) yield bytes.subarray(at, at + chunkBytes);
  }
  return { source: chunks(), name };
}

export async function collect(
  inputs: RunInput[],
  options: { config?: PipelineConfig; workers?: number | PipelineWorkers; batchChars?: number; index?: DedupLookup | null; sequence?: number } = {},
): Promise<Collected> {
  const output = new PassThrough();
  const parts: Buffer[] = [];
  output.on("data", (c: Buffer) => parts.push(c));
  const outcomes: DocumentOutcome[] = [];
  const result = await runPipeline({
    config: options.config ?? {},
    inputs,
    output,
    sequence: options.sequence ?? 0,
    index: options.index,
    workers: options.workers ?? 1,
    batchChars: options.batchChars,
    onDocument: (_doc, outcome) => outcomes.push(outcome),
  });
  output.end();
  const text = Buffer.concat(parts).toString("utf8");
  const reportJson = JSON.stringify(result.report);
  return {
    ...result,
    output: text,
    outputSha256: createHash("sha256").update(text).digest("hex"),
    reportSha256: createHash("sha256").update(reportJson).digest("hex"),
    outcomes,
  };
}
