// The commit ledger: the dedup state on disk, kept by whoever commits submissions in order (the
// oracle's committer, a committee member's node, `1tt preprocess --state`), outside the pipeline,
// which stays pure. It holds the ordered log of accepted submissions, the fingerprints of each one's
// accepted documents, and the saved index. The index is a cache: it is a pure function of the
// fingerprints in log order, and is rebuilt from them whenever it is missing, damaged or stale.
//
//   <dir>/state.json              pipeline id and dedup config the state belongs to
//   <dir>/log.jsonl               one line per accepted submission, in order
//   <dir>/fingerprints/<seq>.bin  packed fingerprints of that submission's accepted documents
//   <dir>/dedup-index.bin         the saved DedupIndex (see dedup/persist.ts)
//   <dir>/lock                    held while a run uses the state
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { DedupIndex } from "../pipeline/dedup/index.ts";
import { loadIndex, saveIndex } from "../pipeline/dedup/persist.ts";
import { fingerprintWords, type ResolvedPipeline } from "../pipeline/process.ts";
import type { Report } from "../pipeline/run/report.ts";
import { unpackFingerprint } from "../pipeline/run/run.ts";
import { OneTTError } from "../protocol/errors.ts";

export class StateError extends OneTTError {
  static override readonly code = "state_invalid";
  override name = "StateError";

  /** `code` "missing_fingerprints" when a submission's fingerprints are gone (see replayMissingFingerprints). */
  constructor(message: string, code?: "missing_fingerprints") {
    super(message, { code });
  }
}

/**
 * Re-runs one accepted submission with `index` holding every submission before it; the run adds
 * the submission's accepted documents to `index` and returns the run's report and fingerprints.
 */
export type Replay = (entry: LogEntry, index: DedupIndex) => Promise<{ report: Report; accepted: Uint32Array }>;

export interface LogEntry {
  sequence: number;
  pipelineId: string;
  inputs: Report["submission"]["inputs"];
  documents: number;
  tokens: number;
  /** Where the inputs were read from, when they are local files (lets a lost state be replayed). */
  sources?: string[];
}

function readLog(dir: string): LogEntry[] {
  const logPath = join(dir, "log.jsonl");
  if (!existsSync(logPath)) return [];
  return readFileSync(logPath, "utf8").split("\n").filter((l) => l.trim() !== "").map((l, i) => {
    const entry = JSON.parse(l) as LogEntry;
    if (entry.sequence !== i) throw new StateError(`${logPath} line ${i + 1}: expected sequence ${i}, found ${entry.sequence}`);
    return entry;
  });
}

/** Adds a submission's saved fingerprints to `index`; false when its fingerprint file is missing. */
function addSaved(index: DedupIndex, dir: string, entry: LogEntry): boolean {
  const path = fingerprintFile(dir, entry.sequence);
  if (!existsSync(path)) return false;
  const width = fingerprintWords(index.config);
  const bytes = readFileSync(path);
  const packed = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  if (packed.length !== entry.documents * width) {
    throw new StateError(`${path} holds ${packed.length / width} fingerprints, the log says ${entry.documents}`);
  }
  for (let d = 0; d < entry.documents; d++) {
    index.add(unpackFingerprint(packed, d, index.config), { submission: entry.sequence, document: d });
  }
  return true;
}

function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, "w");
  try {
    if (typeof data === "string") writeSync(fd, data);
    else writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

const fingerprintFile = (dir: string, sequence: number) => join(dir, "fingerprints", `${String(sequence).padStart(6, "0")}.bin`);

export class PipelineState {
  readonly dir: string;
  readonly log: LogEntry[];
  readonly index: DedupIndex | null;
  /** How the index was obtained: loaded from disk, rebuilt from fingerprints, or new. */
  readonly origin: "loaded" | "rebuilt" | "new";
  private readonly pipeline: ResolvedPipeline;
  private released = false;

  private constructor(dir: string, pipeline: ResolvedPipeline, log: LogEntry[], index: DedupIndex | null, origin: PipelineState["origin"]) {
    this.dir = dir;
    this.pipeline = pipeline;
    this.log = log;
    this.index = index;
    this.origin = origin;
  }

  /** The sequence number the next accepted submission gets. */
  get sequence(): number {
    return this.log.length;
  }

  /**
   * Opens (or creates) the state in `dir` for `pipeline`, taking its lock. `index: false` when the
   * dedup index is kept elsewhere (the service's database): none is loaded, rebuilt or saved.
   */
  static open(dir: string, pipeline: ResolvedPipeline, { index = true }: { index?: boolean } = {}): PipelineState {
    const lock = PipelineState.acquire(dir);
    try {
      return PipelineState.load(dir, pipeline, index);
    } catch (e) {
      rmSync(lock, { force: true });
      throw e;
    }
  }

  private static load(dir: string, pipeline: ResolvedPipeline, withIndex: boolean): PipelineState {
    const metaPath = join(dir, "state.json");
    const meta = { pipelineId: pipeline.id.id };
    if (existsSync(metaPath)) {
      const saved = JSON.parse(readFileSync(metaPath, "utf8")) as typeof meta;
      if (saved.pipelineId !== meta.pipelineId) {
        throw new StateError(
          `the state in ${dir} belongs to pipeline ${saved.pipelineId}, but this run's configuration gives ${meta.pipelineId}. ` +
            `Dedup decisions are only comparable within one pipeline: use the configuration the state was built with, or another --state folder.`,
        );
      }
    } else writeAtomic(metaPath, JSON.stringify(meta, null, 2) + "\n");

    const log = readLog(dir);
    const dedup = pipeline.dedup;
    if (!dedup || !withIndex) return new PipelineState(dir, pipeline, log, null, "new");
    if (log.length === 0) return new PipelineState(dir, pipeline, log, new DedupIndex(dedup), "new");
    const expected = log.reduce((n, e) => n + e.documents, 0);
    try {
      const index = loadIndex(dir, dedup);
      if (index.size === expected) return new PipelineState(dir, pipeline, log, index, "loaded");
    } catch {
      // Missing, damaged or from another config: rebuilt below from the fingerprints.
    }
    const index = new DedupIndex(dedup);
    for (const entry of log) {
      if (!addSaved(index, dir, entry)) {
        throw new StateError(
          `${fingerprintFile(dir, entry.sequence)} is missing, so the dedup state cannot be rebuilt from fingerprints; ` +
            `it can be replayed from submission ${entry.sequence}'s inputs, or start from an empty --state folder.`,
          "missing_fingerprints",
        );
      }
    }
    saveIndex(index, dir);
    return new PipelineState(dir, pipeline, log, index, "rebuilt");
  }

  /** Records an accepted submission: fingerprints first, then the log line, then the index. */
  commit(report: Report, accepted: Uint32Array, sources?: string[]): LogEntry {
    const entry: LogEntry = {
      sequence: this.sequence,
      pipelineId: this.pipeline.id.id,
      inputs: report.submission.inputs,
      documents: report.documents.out,
      tokens: report.tokens.out,
      ...(sources ? { sources } : {}),
    };
    if (report.submission.sequence !== entry.sequence) {
      throw new StateError(`the report is for submission ${report.submission.sequence}, the state expects ${entry.sequence}`);
    }
    writeAtomic(fingerprintFile(this.dir, entry.sequence), new Uint8Array(accepted.buffer, accepted.byteOffset, accepted.byteLength));
    const fd = openSync(join(this.dir, "log.jsonl"), "a");
    try {
      writeSync(fd, JSON.stringify(entry) + "\n");
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.log.push(entry);
    if (this.index) saveIndex(this.index, this.dir);
    return entry;
  }

  /**
   * Rebuilds the fingerprints of submissions whose fingerprint files are lost by replaying them in
   * log order: the state is a pure function of the ordered submissions, so a replay must give
   * exactly the documents and tokens the log recorded, or it is refused. Returns how many were
   * replayed. Takes the state's lock for the duration.
   */
  static async replayMissingFingerprints(dir: string, pipeline: ResolvedPipeline, replay: Replay): Promise<number> {
    const dedup = pipeline.dedup;
    if (!dedup) return 0;
    const held = PipelineState.acquire(dir);
    try {
      const index = new DedupIndex(dedup);
      let replayed = 0;
      for (const entry of readLog(dir)) {
        if (addSaved(index, dir, entry)) continue;
        if (entry.pipelineId !== pipeline.id.id) {
          throw new StateError(`submission ${entry.sequence} was made by pipeline ${entry.pipelineId}; it cannot be replayed with ${pipeline.id.id}`);
        }
        const before = index.size;
        const { report, accepted } = await replay(entry, index);
        const same =
          report.documents.out === entry.documents &&
          report.tokens.out === entry.tokens &&
          JSON.stringify(report.submission.inputs) === JSON.stringify(entry.inputs) &&
          index.size === before + entry.documents;
        if (!same) {
          throw new StateError(
            `replaying submission ${entry.sequence} gave ${report.documents.out} documents and ${report.tokens.out} tokens from ` +
              `${JSON.stringify(report.submission.inputs)}; the log records ${entry.documents} and ${entry.tokens} from ` +
              `${JSON.stringify(entry.inputs)}. The inputs changed since; the state cannot be rebuilt from them.`,
          );
        }
        writeAtomic(fingerprintFile(dir, entry.sequence), new Uint8Array(accepted.buffer, accepted.byteOffset, accepted.byteLength));
        replayed++;
      }
      if (replayed > 0) saveIndex(index, dir);
      return replayed;
    } finally {
      rmSync(held, { force: true });
    }
  }

  /** Takes the lock file of the state in `dir`; returns its path. */
  private static acquire(dir: string): string {
    mkdirSync(join(dir, "fingerprints"), { recursive: true });
    const lock = join(dir, "lock");
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
    } catch {
      const holder = readFileSync(lock, "utf8").trim();
      throw new StateError(
        `the state in ${dir} is in use by process ${holder}. Wait for it to finish; if no such process runs, delete ${lock}.`,
      );
    }
    return lock;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    rmSync(join(this.dir, "lock"), { force: true });
  }
}
