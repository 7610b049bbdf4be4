// The job runner: one job at a time through the shared pipeline workers and the global dedup
// state, so every submission is deduplicated against exactly the ones accepted before it. One
// runner per database (runner-lock.ts): an oracle started while another runs the jobs serves the
// API (its uploads are run by the other) and takes over when that one stops or dies. What to run
// next comes from pg-boss (dispatch.ts).
//
// A job's life (stage in parentheses):
//   queued -> processing (reading, finishing) -> (storing) sink.store: data into the content store
//          -> (committing) sequence + stored CIDs + report written to the job row
//          -> PipelineState.commit: the log line is appended            <- point of no return
//          -> (publishing) sink.publish: sign and post
//          -> accepted (done), or failed when the committee refuses the count (no retry changes a replay)
//   Anything before the commit that fails -> failed (nothing counted, the upload is dropped).
//
// Restart after a crash (recover()): a job found in "processing" is
//   - before committing: re-run from its stored upload (the state never saw it);
//   - committing: the job row names its sequence; if the state's log has that line (with the
//     job's input hashes), the commit happened and the job goes on to publishing; if the log
//     ends just before it, the commit did not happen and the job is re-run; anything else means
//     the state and the database disagree and the oracle refuses to start;
//   - publishing: publish again (the sink's publish is idempotent per sequence).
// So a submission enters the log at most once, and is never re-run once it has.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { FastifyBaseLogger } from "fastify";
import type { PipelineConfig } from "../../pipeline/config.ts";
import type { BatchProcessor, RunProgress } from "../../pipeline/run/run.ts";
import { runPipeline } from "../../pipeline/run/run.ts";
import { filteredOutput } from "../../pipeline/run/filtered-output.ts";
import { PipelineState, StateError, type LogEntry } from "../../ledger/state.ts";
import type { Report } from "../../pipeline/run/report.ts";
import type { Database } from "../database/database.ts";
import { committeeRefusal, jobErrorOf } from "../errors.ts";
import { AttestationRefusedError, type SubmissionSink } from "../sink.ts";
import type { Dispatch, WorkItem } from "./dispatch.ts";
import type { JobEvents } from "./events.ts";
import type { Job, JobProgress, JobStage, JobStore } from "./job-store.ts";
import { originCollector } from "./origins.ts";
import { RunnerLock } from "./runner-lock.ts";
import { StageClock, type OracleMetrics } from "../metrics.ts";
import { jobView } from "./view.ts";
import { loadContribution } from "../uploads/contribution.ts";
import { openDedupIndex } from "../dedup-index/service.ts";
import { PostgresDedupIndex } from "../dedup-index/postgres.ts";

export interface QueueOptions {
  db: Database;
  jobs: JobStore;
  dispatch: Dispatch;
  events: JobEvents;
  workers: BatchProcessor;
  pipelineConfig: PipelineConfig;
  sink: SubmissionSink;
  log: FastifyBaseLogger;
  /** The data folder: state/, uploads/, work/ and incoming/ live in it. */
  dataDir: string;
  maxAttempts: number;
  /** Where each stage's duration is observed (null: not measured). */
  metrics: OracleMetrics | null;
}

class Interrupted extends Error {
  constructor() {
    super("the oracle is shutting down");
  }
}

class NothingAccepted extends Error {
  readonly report: Report;
  constructor(report: Report) {
    super("nothing accepted");
    this.report = report;
  }
}

const PROGRESS_EVENT_MS = 200;
/** How often an idle runner looks for work made by other API processes or come due (its own uploads wake it at once). */
const POLL_MS = 500;
const PROGRESS_SAVE_MS = 1000;

/** The files of a queued job, kept until it ends: uploads/<job id>/<position>. */
export const uploadPath = (dataDir: string, jobId: string, position: number) => join(dataDir, "uploads", jobId, String(position));

/**
 * A runner killed with -9 frees the runner lock as soon as its connections close, which can be
 * before its parent has reaped it: a zombie still answers kill(pid, 0), but holds nothing.
 */
function exitedAlready(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false; // no /proc (not Linux): trust kill(pid, 0)
  }
}

/** Whether the process `pid` still runs (a zombie does not). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !exitedAlready(pid);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes over the state's lock file when the process that held it is gone (a crash). The caller
 * holds the runner lock, so the holder's database session has ended; a process killed with -9
 * closes its connections before the kernel has finished its exit, and on a loaded machine that
 * can take a while: wait up to `exitWaitMs` for it to be gone before calling the state in use.
 */
async function clearStaleLock(dir: string, log: FastifyBaseLogger, exitWaitMs = 15_000): Promise<void> {
  const lock = join(dir, "lock");
  if (!existsSync(lock)) return;
  const pid = Number(readFileSync(lock, "utf8").trim());
  const other = Number.isInteger(pid) && pid > 0 && pid !== process.pid;
  for (const until = Date.now() + exitWaitMs; other && running(pid) && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
  if (!other || !running(pid)) {
    log.warn({ lock, pid }, "removing the dedup state's lock left by a process that no longer runs");
    rmSync(lock, { force: true });
  }
}

const sameInputs = (entry: LogEntry, job: Job) =>
  entry.inputs.length === job.files.length && entry.inputs.every((input, i) => input.sha256 === job.files[i].sha256 && input.name === job.files[i].name);

export class JobQueue {
  readonly #o: QueueOptions;
  /** Null while another process is the runner (standby). */
  #state: PipelineState | null = null;
  /** The dedup index (in the database), which only the runner holds; null without dedup. */
  #dedup: PostgresDedupIndex | null = null;
  #lock: RunnerLock | null = null;
  /** Submissions the database records as committed, refreshed while in standby. */
  #standbyCommitted = 0;
  readonly #waitForLock = new AbortController();
  #stopping = false;
  #wake: (() => void) | null = null;
  #loop: Promise<void> | null = null;
  #current: { id: string; abort: AbortController; stage: JobStage; clock: StageClock } | null = null;
  readonly #publishFailures = new Map<string, number>();

  private constructor(options: QueueOptions) {
    this.#o = options;
  }

  /**
   * Becomes the database's runner if no other process is (opens the dedup state, checks it
   * against the database and recovers interrupted jobs), else a standby that takes over at start().
   */
  static async open(options: QueueOptions): Promise<JobQueue> {
    const queue = new JobQueue(options);
    // A standby receives uploads too: the folders they go through exist in every process.
    for (const sub of ["uploads", "work", "incoming"]) mkdirSync(join(options.dataDir, sub), { recursive: true });
    const lock = await RunnerLock.take(options.db, { wait: false, onLost: (e) => queue.#lockLost(e) });
    if (lock) await queue.#becomeRunner(lock, { sweepFiles: true });
    else {
      options.log.warn("another oracle process runs the jobs of this database: this one serves the API and takes over when that one stops");
      queue.#standbyCommitted = await options.jobs.committedCount();
    }
    return queue;
  }

  async #becomeRunner(lock: RunnerLock, { sweepFiles }: { sweepFiles: boolean }): Promise<void> {
    const { dataDir, log, workers } = this.#o;
    const stateDir = join(dataDir, "state");
    try {
      await clearStaleLock(stateDir, log);
      this.#dedup = await openDedupIndex(this.#o.db, stateDir, workers.pipeline);
      this.#state = PipelineState.open(stateDir, workers.pipeline, { index: false });
      this.#lock = lock;
      await this.#recover(sweepFiles);
    } catch (e) {
      this.#state?.release();
      this.#state = null;
      this.#dedup = null;
      this.#lock = null;
      await lock.release();
      throw e;
    }
  }

  #lockLost(e: Error): void {
    this.#o.log.error({ err: e }, "lost the runner lock (the database connection ended): no more jobs run in this process; restart it");
    this.#halt();
  }

  /** A standby waits for the runner lock, then recovers and runs; meanwhile it follows the committed count. */
  async #takeOverThenRun(): Promise<void> {
    const { db, jobs, log } = this.#o;
    const refresh = setInterval(() => void jobs.committedCount().then((n) => (this.#standbyCommitted = n), () => {}), POLL_MS * 2);
    let lock: RunnerLock | null;
    try {
      lock = await RunnerLock.take(db, { wait: true, signal: this.#waitForLock.signal, onLost: (e) => this.#lockLost(e) });
    } finally {
      clearInterval(refresh);
    }
    if (!lock || this.#stopping) return void (await lock?.release());
    try {
      await this.#becomeRunner(lock, { sweepFiles: false });
      log.warn("the runner lock was freed: this oracle now runs the jobs");
    } catch (e) {
      log.error({ err: e }, "taking over the jobs failed: no jobs run in this process; fix the cause and restart it");
      return;
    }
    await this.#run();
  }

  /** Stops taking work and interrupts the current job if it has not committed. */
  #halt(): void {
    this.#stopping = true;
    const current = this.#current;
    if (current && ["reading", "finishing", "storing"].includes(current.stage)) current.abort.abort(new Interrupted());
    this.#wake?.();
  }

  get pipelineId(): string {
    return this.#o.workers.pipeline.id.id;
  }

  /** The preset this oracle counts with (every submission goes through the one pipeline). */
  get preset(): string {
    return this.#o.workers.pipeline.config.preset ?? "prose";
  }

  /** Submissions in the dedup state's log (in standby, as the database records them). */
  get committed(): number {
    return this.#state?.sequence ?? this.#standbyCommitted;
  }

  /** The dedup state, which only the runner holds. */
  get #runnerState(): PipelineState {
    if (!this.#state) throw new Error("this oracle process is not the job runner");
    return this.#state;
  }

  get currentJob(): string | null {
    return this.#current?.id ?? null;
  }

  async #recover(sweepFiles: boolean): Promise<void> {
    const { jobs, log, dataDir, maxAttempts } = this.#o;
    const state = this.#runnerState;
    const recorded = new Set(await jobs.sequences());
    for (let i = 0; i < state.sequence; i++) {
      if (!recorded.has(i)) {
        throw new StateError(`the dedup state in ${state.dir} holds submission ${i}, but no job in the database records it: the state and the database are from different runs. Restore both from the same backup.`);
      }
    }
    for (const job of await jobs.processing()) {
      if (job.stage === "publishing") {
        log.info({ jobId: job.id, sequence: job.sequence }, "job was committed before the restart; publishing it again");
        continue;
      }
      if (job.stage === "committing" && job.sequence !== null) {
        const entry = state.log[job.sequence];
        if (entry) {
          if (!sameInputs(entry, job)) {
            throw new StateError(`job ${job.id} was committing as submission ${job.sequence}, but the state's log has other inputs there. Restore the state and the database from the same backup.`);
          }
          log.info({ jobId: job.id, sequence: job.sequence }, "job was committed just before the restart; going on to publish it");
          await jobs.setStage(job.id, "publishing");
          continue;
        }
        if (job.sequence !== state.sequence) {
          throw new StateError(`job ${job.id} was committing as submission ${job.sequence}, but the state's log ends at ${state.sequence}. Restore the state and the database from the same backup.`);
        }
      }
      const filesThere = job.files.every((f) => existsSync(uploadPath(dataDir, job.id, f.position)));
      if (!filesThere) {
        await jobs.fail(job.id, { status: 500, code: "upload_lost", message: "the oracle restarted and the uploaded files of this job are gone from its disk.", hint: "Upload the data again." });
      } else if (job.attempts >= maxAttempts) {
        await jobs.fail(job.id, { status: 500, code: "too_many_restarts", message: `the oracle stopped ${job.attempts} times while processing this upload, so it was given up.`, hint: "Report it to the operator with the job id; the data may trigger a bug." });
        this.#dropFiles(job.id);
      } else {
        log.warn({ jobId: job.id, stage: job.stage, attempts: job.attempts }, "job was interrupted before its commit; it will run again");
        await jobs.requeue(job.id, true);
      }
    }
    await this.#o.dispatch.reset(this.#o.db, await jobs.toRun());
    // A runner taking over while the API serves must not sweep: the files of uploads in flight
    // (here or in another process on this folder) would look unneeded. The next start sweeps.
    if (!sweepFiles) return;
    // Files no job needs any more: a crash between receiving and recording, or before cleanup.
    rmSync(join(dataDir, "incoming"), { recursive: true, force: true });
    mkdirSync(join(dataDir, "incoming"));
    for (const dir of ["uploads", "work"]) {
      for (const id of readdirSync(join(dataDir, dir))) {
        const job = await jobs.get(id);
        if (!job || job.state === "accepted" || job.state === "failed" || (dir === "work" && job.state !== "processing")) {
          rmSync(join(dataDir, dir, id), { recursive: true, force: true });
        }
      }
    }
  }

  start(): void {
    this.#loop ??= this.#state ? this.#run() : this.#takeOverThenRun();
  }

  /** Wakes the runner: a job was queued. */
  kick(): void {
    this.#wake?.();
  }

  /**
   * Stops after a checkpoint: a job before its commit is interrupted and stays queued (its
   * upload is kept and it runs again at the next start); a committed one is finished.
   */
  async stop(timeoutMs: number): Promise<void> {
    this.#halt();
    this.#waitForLock.abort();
    if (this.#loop) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        this.#loop.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
      ]);
      clearTimeout(timer);
      if (timedOut) this.#o.log.warn({ jobId: this.#current?.id }, "shutdown did not wait for the current job any longer; a restart resumes it");
    }
    this.#state?.release();
    await this.#lock?.release();
  }

  async #run(): Promise<void> {
    const { jobs, log, dispatch } = this.#o;
    while (!this.#stopping) {
      let item: WorkItem | null = null;
      try {
        item = await dispatch.next();
        const job = item ? await jobs.get(item.jobId) : null;
        if (!item) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, POLL_MS);
            this.#wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.#wake = null;
          continue;
        }
        // An item whose job moved on (a duplicate after a reset, a job failed meanwhile) is done.
        if (job && item.publish && job.state === "processing" && job.stage === "publishing") await this.#publish(job);
        else if (job && !item.publish && job.state === "queued") await this.#process(job);
        await dispatch.done(item);
      } catch (e) {
        log.error({ err: e, jobId: item?.jobId }, "the job runner failed");
        // Leave the job where it is: a restart recovers it. Do not spin on it meanwhile.
        await new Promise((r) => setTimeout(r, 1000));
      } finally {
        this.#current = null;
      }
    }
  }

  async #setStage(job: Job, stage: JobStage): Promise<void> {
    await this.#o.jobs.setStage(job.id, stage);
    this.#announceStage(job, stage);
  }

  #announceStage(job: Job, stage: JobStage): void {
    if (this.#current) {
      this.#current.stage = stage;
      this.#current.clock.enter(stage);
    }
    this.#o.events.publish(job.id, { type: "stage", data: { state: "processing", stage } });
  }

  async #process(queued: Job): Promise<void> {
    const { jobs, events, log, dataDir, workers, sink } = this.#o;
    await jobs.start(queued.id);
    const job = (await jobs.get(queued.id))!;
    const abort = new AbortController();
    const current = { id: job.id, abort, stage: "reading" as JobStage, clock: new StageClock(this.#o.metrics, "reading") };
    this.#current = current;
    events.publish(job.id, { type: "stage", data: { state: "processing", stage: "reading" } });
    const jlog = log.child({ jobId: job.id });
    jlog.info({ attempt: job.attempts, files: job.files.length, bytes: job.bytes }, "job started");

    const workDir = join(dataDir, "work", job.id);
    rmSync(workDir, { recursive: true, force: true });
    mkdirSync(workDir, { recursive: true });
    const sequence = this.#runnerState.sequence;
    let report: Report | null = null;
    let committed = false;

    const progress: JobProgress = {
      stage: "reading", bytesRead: 0, bytesTotal: job.bytes, documents: 0, kept: 0, removed: 0, removedByRule: {}, duplicates: 0, tokensIn: 0, tokensOut: 0,
    };
    let lastEvent = 0;
    let lastSave = 0;
    // The pipeline reports progress synchronously; its writes go out in order, one after another,
    // and are awaited before the job moves on.
    let progressWrites: Promise<void> = Promise.resolve();
    const write = (w: () => Promise<void>) => {
      progressWrites = progressWrites.then(w).catch((e) => jlog.warn({ err: e }, "saving the job's progress failed"));
    };
    const onProgress = (p: RunProgress) => {
      Object.assign(progress, { bytesRead: p.bytesRead, documents: p.documents, kept: p.kept, removed: p.removed, duplicates: p.duplicates, tokensIn: p.tokensIn, tokensOut: p.tokensOut });
      const stage: JobStage = p.stage === "reading" ? "reading" : "finishing";
      const changed = stage !== progress.stage;
      if (changed) {
        this.#announceStage(job, stage);
        write(() => jobs.setStage(job.id, stage));
      }
      progress.stage = stage;
      const now = Date.now();
      if (changed || p.stage === "done" || now - lastEvent >= PROGRESS_EVENT_MS) {
        lastEvent = now;
        events.publish(job.id, { type: "progress", data: structuredClone(progress) });
      }
      if (p.stage === "done" || now - lastSave >= PROGRESS_SAVE_MS) {
        lastSave = now;
        const saved = structuredClone(progress);
        write(() => jobs.saveProgress(job.id, saved));
      }
    };

    try {
      const filteredPath = join(workDir, "filtered.jsonl");
      const filtered = filteredOutput(createWriteStream(filteredPath));
      const signal = abort.signal;
      async function* guarded(path: string): AsyncGenerator<Buffer> {
        for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
          if (signal.aborted) throw signal.reason;
          yield chunk as Buffer;
        }
      }
      const origins = originCollector();
      const result = await runPipeline({
        config: this.#o.pipelineConfig,
        inputs: job.files.map((f) => ({ source: guarded(uploadPath(dataDir, job.id, f.position)), name: f.name })),
        output: filtered.output,
        sequence,
        index: this.#dedup,
        workers,
        // Parquet is read from a copy: it stays in the job's folder, removed with it (also at start).
        tmpDir: workDir,
        onProgress,
        onDocument: (doc, outcome) => {
          if (outcome.kind === "removed") progress.removedByRule[outcome.rule] = (progress.removedByRule[outcome.rule] ?? 0) + 1;
          if (outcome.kind === "kept") origins.add(doc.file, doc.line);
        },
      });
      const { filteredSha256, filteredBytes } = await filtered.end();
      await progressWrites;
      report = result.report;
      if (signal.aborted) throw signal.reason;
      result.report.submission.inputs.forEach((input, i) => {
        if (input.sha256 !== job.files[i].sha256) throw new Error(`the stored copy of ${input.name} no longer has the bytes that were uploaded (sha256 differs)`);
      });
      if (result.report.documents.out === 0) throw new NothingAccepted(result.report);

      await this.#setStage(job, "storing");
      const previous = sequence > 0 ? await jobs.bySequence(sequence - 1) : null;
      const totals = await jobs.contributorTotals(job.contributor, sequence);
      const stored = await sink.store({
        jobId: job.id,
        contributor: job.contributor,
        sequence,
        contributorSequence: totals.submissions,
        previousManifestCid: previous?.stored?.manifestCid ?? null,
        previousCumulativeTokens: totals.tokens,
        contributorReaderKey: job.readerKey,
        contribution: loadContribution(join(dataDir, "uploads", job.id)),
        pipeline: workers.pipeline,
        report: result.report,
        raw: job.files.map((f) => ({ name: f.name, path: uploadPath(dataDir, job.id, f.position), sha256: f.sha256, bytes: f.bytes })),
        filtered: { name: "filtered.jsonl", path: filteredPath, sha256: filteredSha256, bytes: filteredBytes },
      }, signal);
      if (signal.aborted) throw signal.reason;

      // The commit: the dedup index's new rows (a restart drops them unless the log line below
      // lands), the job row (so a restart knows which log line would be this job's), then the
      // state's log line. Nothing awaits between the last two.
      await this.#dedup?.commit();
      await jobs.recordCommitting(job.id, sequence, stored, result.report, origins.origins());
      current.stage = "committing";
      current.clock.enter("committing");
      try {
        this.#runnerState.commit(result.report, result.accepted);
        committed = true;
      } catch (e) {
        committed = this.#reopenState().log[sequence] !== undefined;
        if (!committed) throw e;
        jlog.warn({ err: e }, "the state commit reported an error after its log line was written; the submission is committed");
      }
      await this.#setStage(job, "publishing");
      jlog.info({ sequence, tokens: stored.tokens, documents: result.report.documents.out }, "submission committed");
    } catch (e) {
      if (committed) throw e;
      current.clock.end();
      // No late progress write may land after the job's end is recorded.
      await progressWrites;
      this.#reopenState();
      await this.#reopenDedup();
      rmSync(workDir, { recursive: true, force: true });
      if (e instanceof Interrupted || abort.signal.reason instanceof Interrupted) {
        await jobs.requeue(job.id, false);
        jlog.info("job interrupted by the shutdown; it will run again at the next start");
        return;
      }
      const error = e instanceof NothingAccepted
        ? { status: 422, code: "nothing_accepted", message: `no document of this upload was accepted: of ${e.report.documents.in} read, every one was removed by the quality filters or was a duplicate of data already accepted.`, hint: "See the job's report for why each was removed." }
        : jobErrorOf(e);
      if (error.status >= 500) jlog.error({ err: e }, "job failed");
      else jlog.info({ code: error.code }, "job refused");
      await jobs.fail(job.id, error, e instanceof NothingAccepted ? e.report : report);
      this.#dropFiles(job.id);
      events.publish(job.id, { type: "done", data: jobView((await jobs.get(job.id))!) });
      return;
    }
    await this.#publish((await jobs.get(job.id))!);
  }

  async #publish(job: Job): Promise<void> {
    const { jobs, events, sink, log } = this.#o;
    const clock = new StageClock(this.#o.metrics, "publishing");
    this.#current = { id: job.id, abort: new AbortController(), stage: "publishing", clock };
    try {
      const { attestation } = await sink.publish({ jobId: job.id, contributor: job.contributor, sequence: job.sequence!, stored: job.stored! }).finally(() => clock.end());
      await jobs.accept(job.id, attestation);
      this.#publishFailures.delete(job.id);
    } catch (e) {
      if (e instanceof AttestationRefusedError) {
        this.#publishFailures.delete(job.id);
        log.warn({ jobId: job.id, sequence: job.sequence, refusals: e.refusals }, "the committee refused this submission's count; the job failed");
        await jobs.refuse(job.id, committeeRefusal(e), e.attestation);
        this.#dropFiles(job.id);
        events.publish(job.id, { type: "done", data: jobView((await jobs.get(job.id))!) });
        return;
      }
      const failures = (this.#publishFailures.get(job.id) ?? 0) + 1;
      this.#publishFailures.set(job.id, failures);
      const delay = Math.min(300_000, 2000 * 2 ** (failures - 1));
      log.warn({ err: e, jobId: job.id, failures, retryInMs: delay }, "publishing a committed submission failed; retrying later");
      const retryAt = Date.now() + delay;
      await jobs.publishFailed(job.id, jobErrorOf(e), retryAt);
      await this.#o.dispatch.enqueue(this.#o.db, job.id, { publish: true, at: retryAt });
      return;
    }
    this.#dropFiles(job.id);
    const done = (await jobs.get(job.id))!;
    log.info({ jobId: job.id, sequence: done.sequence, tokens: done.tokens }, "job accepted");
    events.publish(job.id, { type: "done", data: jobView(done) });
  }

  #reopenState(): PipelineState {
    // A run adds the accepted documents to the in-memory index as it goes: after a failure,
    // read the state back from disk so the next job sees exactly what was committed.
    const dir = this.#runnerState.dir;
    this.#runnerState.release();
    this.#state = PipelineState.open(dir, this.#o.workers.pipeline, { index: false });
    return this.#state;
  }

  /** After a failed job: the index as committed (rows of a commit that did not finish dropped). */
  async #reopenDedup(): Promise<void> {
    if (!this.#dedup) return;
    this.#dedup.discard();
    this.#dedup = await PostgresDedupIndex.open(this.#o.db, this.#dedup.config, { committed: this.#runnerState.sequence });
  }

  #dropFiles(jobId: string): void {
    rmSync(join(this.#o.dataDir, "uploads", jobId), { recursive: true, force: true });
    rmSync(join(this.#o.dataDir, "work", jobId), { recursive: true, force: true });
  }
}

