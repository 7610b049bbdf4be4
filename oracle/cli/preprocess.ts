// `1tt preprocess <files...>`: runs the pipeline over local files as one submission, writes the
// filtered documents, the report and the pipeline id, and prints a summary table.
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, join, resolve } from "node:path";
import { Writable } from "node:stream";
import type { Command } from "commander";
import { checkConfigShape, loadConfigFile, type PipelineConfig } from "../pipeline/config.ts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import type { Report } from "../protocol/report.ts";
import { runPipeline } from "../pipeline/run/run.ts";
import { PipelineState, StateError } from "../ledger/state.ts";
import { formatBytes } from "../protocol/format.ts";
import { formatDuration, ProgressLine } from "./progress.ts";
import { UsageError } from "./usage.ts";
import { meaningOf } from "../protocol/error-codes.ts";
import { OneTTError } from "../protocol/errors.ts";

interface PreprocessOptions {
  config?: string;
  preset?: string;
  out: string;
  workers: string;
  state?: string;
  progress: boolean;
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--workers must be a whole number from 1 to 64 (got "${value}")`);
  return n;
}

function checkInputs(files: string[]): void {
  const names = new Set<string>();
  for (const file of files) {
    if (!existsSync(file)) throw new UsageError(`${file}: no such file. Check the path.`);
    if (!statSync(file).isFile()) throw new UsageError(`${file}: not a regular file (a folder?). Pass the files themselves.`);
    const name = basename(file);
    if (names.has(name)) throw new UsageError(`two inputs are both named ${name}; the report names inputs by file name, so rename one.`);
    names.add(name);
  }
}

function summaryTable(report: Report, seconds: number, bytes: number): string {
  const rows: [string, string, string][] = [["", "documents", "tokens"]];
  rows.push(["in", String(report.documents.in), String(report.tokens.in)]);
  for (const [rule, t] of Object.entries(report.removed)) rows.push([`  removed: ${rule}`, String(t.documents), String(t.tokens)]);
  for (const kind of ["exact", "near"] as const) {
    for (const where of ["within", "across"] as const) {
      const t = report.duplicates[kind][where];
      if (t.documents > 0) rows.push([`  duplicate (${kind}, ${where === "within" ? "within this submission" : "of earlier data"})`, String(t.documents), String(t.tokens)]);
    }
  }
  rows.push(["out (accepted)", String(report.documents.out), String(report.tokens.out)]);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const w2 = Math.max(...rows.map((r) => r[2].length));
  const lines = rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c.padStart(w2)}`);
  const pii = Object.entries(report.pii).map(([k, v]) => `${k} ${v}`).join(", ") || "none";
  lines.push("", `PII redacted: ${pii}`);
  if (report.readerIssues.total > 0) {
    const kinds = Object.entries(report.readerIssues.byKind).map(([k, v]) => `${k} ${v}`).join(", ");
    lines.push(`reader issues: ${report.readerIssues.total} (${kinds}); see the report for lines`);
  }
  lines.push(`${formatBytes(bytes)} in ${formatDuration(seconds)} (${(bytes / 1048576 / Math.max(seconds, 1e-3)).toFixed(1)} MB/s)`);
  return lines.join("\n");
}

/** Opens the dedup state; submissions whose fingerprints were lost are replayed from their inputs first. */
async function openState(dir: string, pool: PipelineWorkers): Promise<PipelineState> {
  try {
    return PipelineState.open(dir, pool.pipeline);
  } catch (e) {
    if (!(e instanceof StateError) || e.code !== "missing_fingerprints") throw e;
  }
  console.error(`1tt preprocess: fingerprints missing in ${dir}; replaying the submissions they came from`);
  await PipelineState.replayMissingFingerprints(dir, pool.pipeline, async (entry, index) => {
    const sources = entry.sources ?? [];
    const missing = sources.find((f) => !existsSync(f));
    if (sources.length === 0 || missing) {
      throw new StateError(`submission ${entry.sequence} cannot be replayed: ${missing ? `${missing} is gone` : "its inputs were not local files"}`);
    }
    const result = await runPipeline({
      config: pool.pipeline.config,
      inputs: sources.map((f) => ({ source: f, name: basename(f) })),
      output: new Writable({ write: (_c, _e, done) => done() }),
      sequence: entry.sequence,
      index,
      workers: pool,
    });
    return { report: result.report, accepted: result.accepted };
  });
  return PipelineState.open(dir, pool.pipeline);
}

async function preprocess(files: string[], opts: PreprocessOptions): Promise<void> {
  checkInputs(files);
  const workers = parseWorkers(opts.workers);
  const file: PipelineConfig = opts.config ? loadConfigFile(opts.config) : {};
  const config = opts.preset === undefined ? file : checkConfigShape({ ...file, preset: opts.preset }, "--preset");
  const pool = await PipelineWorkers.start(config, workers);
  const pipeline = pool.pipeline;
  const outDir = resolve(opts.out);
  let state: PipelineState | null = null;
  try {
    mkdirSync(outDir, { recursive: true });
    state = opts.state ? await openState(resolve(opts.state), pool) : null;
    const totalBytes = files.reduce((n, f) => n + statSync(f).size, 0);
    const filteredPath = join(outDir, "filtered.jsonl");
    // Written beside its final name and renamed on success, so a failed run leaves no half output.
    const output = createWriteStream(`${filteredPath}.partial`);
    const bar = opts.progress ? new ProgressLine() : null;
    const started = performance.now();
    const result = await runPipeline({
      config,
      inputs: files.map((f) => ({ source: f, name: basename(f) })),
      output,
      sequence: state?.sequence ?? 0,
      index: state?.index ?? null,
      workers: pool,
      onProgress: (p) => bar?.update({ bytesRead: p.bytesRead, bytesTotal: totalBytes, documents: p.documents, kept: p.kept }, p.stage === "done"),
    });
    bar?.done();
    await new Promise<void>((res, rej) => output.end((e?: Error | null) => (e ? rej(e) : res())));
    renameSync(`${filteredPath}.partial`, filteredPath);
    const seconds = (performance.now() - started) / 1000;
    writeFileSync(join(outDir, "report.json"), JSON.stringify(result.report, null, 2) + "\n");
    writeFileSync(join(outDir, "pipeline.json"), JSON.stringify({ ...pipeline.id, config: pipeline.config }, null, 2) + "\n");
    const entry = state?.commit(result.report, result.accepted, files.map((f) => resolve(f)));
    console.log(summaryTable(result.report, seconds, totalBytes));
    console.log(`pipeline ${pipeline.id.id}`);
    if (entry) console.log(`accepted as submission ${entry.sequence} into the state in ${state!.dir} (${state!.origin} index)`);
    else console.log("no --state given: deduplicated within this submission only, nothing recorded");
    console.log(`wrote ${filteredPath}, report.json and pipeline.json`);
  } finally {
    rmSync(join(outDir, "filtered.jsonl.partial"), { force: true });
    state?.release();
    await pool.close();
  }
}

export function registerPreprocess(program: Command): void {
  program
    .command("preprocess")
    .description("run the preprocessing pipeline over local files as one submission")
    .argument("<files...>", "JSONL, text, CSV or Parquet files, optionally .gz or .zst compressed")
    .option("--config <file>", "pipeline configuration (JSON); defaults apply to anything it leaves out")
    .option("--preset <name>", "what the data is for: prose (default), code or dialogue; over the config file's preset")
    .option("--out <dir>", "where filtered.jsonl, report.json and pipeline.json are written", "1tt-out")
    .option("--workers <n>", "worker threads for the per-document stages", String(Math.max(1, Math.min(availableParallelism(), 8))))
    .option("--state <dir>", "dedup state: deduplicate against every submission accepted into it before, then record this one")
    .option("--no-progress", "do not draw the progress bar")
    .action(async (files: string[], opts: PreprocessOptions) => {
      try {
        await preprocess(files, opts);
      } catch (e) {
        if (e instanceof OneTTError) {
          console.error(`1tt preprocess: ${e.message}`);
          process.exitCode = meaningOf(e.code).exit;
          return;
        }
        throw e;
      }
    });
}
