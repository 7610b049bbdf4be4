// Runs one submission through the pipeline: readers on this thread, per-document blocks on worker
// threads, then dedup decisions, output and report on this thread, strictly in document order.
// The output therefore depends only on the input bytes, the prior dedup state and the config,
// never on the number of workers or on timing.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Writable } from "node:stream";
import type { ReaderIssue, SourceDocument } from "../block.ts";
import type { PipelineConfig } from "../config.ts";
import { dedupConfigHash } from "../dedup/config.ts";
import { decide } from "../dedup/decide.ts";
import { explainMatch, explainPartial, type OriginOf } from "../dedup/explain.ts";
import { DedupIndex, type DedupMatch, type DocRef } from "../dedup/index.ts";
import type { DedupLookup } from "../dedup/lookup.ts";
import { createTokenCounter } from "../tokenize/counter.ts";
import { concatRows, selectRows, unpackFingerprint } from "../dedup/packed.ts";
import type { BatchResult, ResolvedPipeline } from "../process.ts";
import { addStats, emptyStats, type StepStats } from "../steps.ts";
import { readDocumentBatches, type ByteSource } from "../read/index.ts";
import { PipelineWorkers } from "./workers.ts";
import { explainRemovals } from "../filter/explain.ts";
import { ReportBuilder, type Report } from "./report.ts";

export interface RunInput {
  /** A local path, or the bytes themselves (then `sha256` and `bytes` are taken while reading). */
  source: ByteSource;
  /** The name recorded in documents and the report (a file name, never a machine path). */
  name: string;
}

export interface RunProgress {
  stage: "reading" | "finishing" | "done";
  bytesRead: number;
  documents: number;
  kept: number;
  removed: number;
  duplicates: number;
  tokensIn: number;
  tokensOut: number;
}

/** What became of one document, in document order. */
export type DocumentOutcome =
  | { kind: "kept"; tokens: number; partial?: { copiedUnits: number[]; units: number; sources: DocRef[] } }
  | { kind: "removed"; rule: string }
  | { kind: "duplicate"; match: DedupMatch };

/**
 * What processes batches of documents (normalize, filter, fingerprint, count) and answers each
 * with its own result: the pipeline's worker threads, or anything that runs the same blocks
 * elsewhere. `size` is how many batches it works on at once.
 */
export interface BatchProcessor {
  readonly pipeline: ResolvedPipeline;
  readonly size: number;
  run(texts: string[]): Promise<BatchResult>;
}

export interface RunOptions {
  /** The pipeline configuration (used to start workers when none are given). */
  config: PipelineConfig;
  inputs: RunInput[];
  /** Receives the filtered documents as JSONL, one {"text": …} object per line. */
  output: Writable;
  /** Sequence number of this submission in the dedup state (0 for the first). */
  sequence: number;
  /**
   * The dedup state before this submission; accepted documents are added to it. Without one, a
   * fresh index deduplicates within this submission only.
   */
  index?: DedupLookup | null;
  /** Worker threads: a number to start (and stop) them for this run, or a processor already started. */
  workers?: number | BatchProcessor;
  /** Characters per batch sent to a worker. */
  batchChars?: number;
  onProgress?: (progress: RunProgress) => void;
  /** Called for every document, in order, with its outcome. */
  onDocument?: (doc: SourceDocument, outcome: DocumentOutcome) => void;
  /** Where a Parquet stream is spooled while it is read (default: the system's temporary folder). */
  tmpDir?: string;
}

export interface RunResult {
  report: Report;
  pipeline: ResolvedPipeline;
  /** Packed fingerprints of the accepted documents, in order (dedup/packed.ts). */
  accepted: Uint32Array;
  /** Each step's statistics over the run, in step order, summed over the workers. */
  steps: StepStats[];
}

export { unpackFingerprint } from "../dedup/packed.ts";

const DEFAULT_BATCH_CHARS = 512 * 1024;

/** The sha256 of a local file, streamed. */
async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/** Hashes a stream's bytes as they pass through to the reader. */
async function* hashing(source: AsyncIterable<Uint8Array>, into: { hash: ReturnType<typeof createHash>; bytes: number }) {
  for await (const chunk of source) {
    into.hash.update(chunk);
    into.bytes += chunk.length;
    yield chunk;
  }
}

export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const given = typeof options.workers === "object" ? options.workers : null;
  const pool: BatchProcessor = given ?? (await PipelineWorkers.start(options.config, (options.workers as number | undefined) ?? 1));
  const pipeline = pool.pipeline;
  const workers = pool.size;
  const batchChars = options.batchChars ?? DEFAULT_BATCH_CHARS;
  const dedup = pipeline.dedup;
  const index: DedupLookup | null = dedup ? (options.index ?? new DedupIndex(dedup)) : null;
  if (index && dedup && dedupConfigHash(index.config) !== dedupConfigHash(dedup)) {
    throw new Error("the dedup state was built with another dedup config than this pipeline's");
  }
  const report = new ReportBuilder(pipeline.id.id, options.sequence);
  const steps = emptyStats(pipeline.steps);
  const progress: RunProgress = {
    stage: "reading", bytesRead: 0, documents: 0, kept: 0, removed: 0, duplicates: 0, tokensIn: 0, tokensOut: 0,
  };
  const tell = () => options.onProgress?.(progress);
  const accepted: Uint32Array[] = [];
  let acceptedCount = 0;
  const out = options.output;
  // Where this upload's accepted documents came from, to name them in explanations.
  const acceptedHere: { file: string; line: number }[] = [];
  const originOf: OriginOf = (ref) => (ref.submission === options.sequence ? acceptedHere[ref.document] : undefined);
  // Counts what a partly copied document is still paid for (rare: built on first need).
  let counter: ReturnType<typeof createTokenCounter> | null = null;

  const write = async (line: string) => {
    if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", resolve));
  };

  const consume = async (docs: SourceDocument[], result: BatchResult) => {
    if (index?.prepare && dedup) {
      const kept = Array.from({ length: result.passages.length }, (_, row) => unpackFingerprint(result.fingerprints, row, dedup));
      await index.prepare(kept, result.passages);
    }
    let keptInBatch = 0;
    const keptRows: number[] = [];
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i];
      const tokensIn = result.tokensIn[i];
      report.seen(tokensIn);
      progress.documents++;
      progress.tokensIn += tokensIn;
      const rule = result.removedBy[i];
      if (rule !== null) {
        report.removed(rule, tokensIn, doc.file, doc.line, doc.text);
        progress.removed++;
        options.onDocument?.(doc, { kind: "removed", rule });
        continue;
      }
      const row = keptInBatch++;
      let text = result.texts[i] as string;
      let tokensOut = result.tokensOut[i];
      let partial: { copiedUnits: number[]; units: number; sources: DocRef[] } | undefined;
      if (index && dedup) {
        const fp = unpackFingerprint(result.fingerprints, row, dedup);
        const decision = decide(index, fp, result.passages[row], text, result.publishedUnits[row], options.sequence);
        if (decision.kind === "duplicate") {
          const match = decision.match;
          const detail = { coverage: match.coverage, original: originOf(match.keptRef), explanation: explainMatch(match, originOf) };
          report.duplicate(match.kind, match.within, tokensIn, match.keptRef, doc.file, doc.line, doc.text, match.jaccard, detail);
          progress.duplicates++;
          options.onDocument?.(doc, { kind: "duplicate", match });
          continue;
        }
        if (decision.kind === "partial") {
          counter ??= createTokenCounter(pipeline.id.tokenizer.encoding);
          const paid = counter.count(decision.text);
          report.partial(tokensOut - paid, doc.file, doc.line, doc.text, explainPartial(decision, originOf));
          text = decision.text;
          tokensOut = paid;
          partial = { copiedUnits: decision.copiedUnits, units: decision.units, sources: decision.sources };
        }
        index.add(fp, { submission: options.sequence, document: acceptedCount });
      }
      if (dedup) keptRows.push(row);
      acceptedCount++;
      acceptedHere.push({ file: doc.file, line: doc.line });
      const pii = result.pii[i];
      if (pii) report.count("pii", pii);
      report.kept(tokensOut);
      progress.kept++;
      progress.tokensOut += tokensOut;
      options.onDocument?.(doc, { kind: "kept", tokens: tokensOut, ...(partial ? { partial } : {}) });
      await write(JSON.stringify({ text }) + "\n");
    }
    for (const [name, counts] of Object.entries(result.transforms)) report.transform(name, counts);
    addStats(steps, result.steps);
    if (dedup && keptRows.length > 0) accepted.push(selectRows(result.fingerprints, keptRows, dedup));
    tell();
  };

  const inflight: { docs: SourceDocument[]; result: Promise<BatchResult> }[] = [];
  // Results may arrive before their turn; a rejection is only handled when its turn comes.
  const dispatch = (docs: SourceDocument[]) => {
    const result = pool.run(docs.map((d) => d.text));
    result.catch(() => {});
    inflight.push({ docs, result });
  };
  const drainTo = async (limit: number) => {
    while (inflight.length > limit) {
      const next = inflight.shift()!;
      await consume(next.docs, await next.result);
    }
  };
  const sink = {
    issue: (issue: ReaderIssue) => report.issue(issue),
    bytes: (n: number) => {
      progress.bytesRead += n;
    },
  };

  try {
    for (const input of options.inputs) {
      let digest: { sha256: string; bytes: number } | null = null;
      let source = input.source;
      const streamed = { hash: createHash("sha256"), bytes: 0 };
      if (typeof source === "string") digest = await sha256File(source);
      else source = hashing(source, streamed);
      let batch: SourceDocument[] = [];
      let chars = 0;
      for await (const docs of readDocumentBatches(source, input.name, { ...pipeline.config.read, tmpDir: options.tmpDir }, sink)) {
        for (const doc of docs) {
          batch.push(doc);
          chars += doc.text.length;
          if (chars >= batchChars) {
            dispatch(batch);
            batch = [];
            chars = 0;
            await drainTo(workers * 2);
          }
        }
      }
      if (batch.length > 0) dispatch(batch);
      digest ??= { sha256: streamed.hash.digest("hex"), bytes: streamed.bytes };
      report.input(input.name, digest.bytes, digest.sha256);
    }
    progress.stage = "finishing";
    await drainTo(0);
  } finally {
    if (!given) await (pool as PipelineWorkers).close();
  }
  progress.stage = "done";
  tell();
  const finished = report.finish();
  const explanations = explainRemovals(finished.removed, pipeline.config.quality);
  return { report: { ...finished, explanations }, pipeline, accepted: concatRows(accepted), steps };
}
