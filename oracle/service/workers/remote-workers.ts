// The committer's side of worker processes: a BatchProcessor whose batches are processed by
// whichever `npm run oracle:worker` processes reach the database (batches.ts). The run that
// calls it keeps `size` batches ahead of the one it decides, so that many workers stay busy.
import type { FastifyBaseLogger } from "fastify";
import type pg from "pg";
import type { PgBoss } from "pg-boss";
import type { BatchProcessor } from "../../pipeline/run/run.ts";
import type { BatchResult, ResolvedPipeline } from "../../pipeline/process.ts";
import type { Database } from "../database/database.ts";
import { BATCH_ANSWERED, BATCH_ATTEMPTS, BATCH_POLL_MS, BATCH_QUEUED, decodeBatch, encodeBatch, listenOn, startBatchBoss, type BatchAnswer, type BatchItem } from "./batches.ts";

interface Waiting {
  resolve: (result: BatchResult) => void;
  reject: (error: Error) => void;
  queuedAt: number;
  warned: boolean;
}

/** A batch no worker took for this long is worth telling the operator about (no worker runs?). */
const UNTAKEN_WARNING_MS = 30_000;

export class WorkerBatchError extends Error {
  override name = "WorkerBatchError";
}

export class RemoteWorkers implements BatchProcessor {
  readonly pipeline: ResolvedPipeline;
  readonly size: number;
  readonly #db: Database;
  readonly #boss: PgBoss;
  readonly #queue: string;
  readonly #listener: pg.Client;
  readonly #waiting = new Map<string, Waiting>();
  readonly #poll: NodeJS.Timeout;
  readonly #log: Pick<FastifyBaseLogger, "warn">;
  #closed = false;

  private constructor(db: Database, boss: PgBoss, queue: string, listener: pg.Client, pipeline: ResolvedPipeline, size: number, log: Pick<FastifyBaseLogger, "warn">) {
    this.#db = db;
    this.#log = log;
    this.#boss = boss;
    this.#queue = queue;
    this.#listener = listener;
    this.pipeline = pipeline;
    this.size = size;
    listener.on("notification", (n) => {
      if (n.payload && this.#waiting.has(n.payload)) void this.#settle(n.payload);
    });
    this.#poll = setInterval(() => {
      for (const id of this.#waiting.keys()) void this.#settle(id);
    }, BATCH_POLL_MS);
  }

  /**
   * Sends the batches of `pipeline` to worker processes. `size`: batches in process at once (the
   * run keeps twice as many queued), enough for every worker to have one; `timeoutSeconds`: how
   * long a worker may hold a batch before it is presumed dead and the batch goes to another.
   */
  static async start(db: Database, pipeline: ResolvedPipeline, { size, timeoutSeconds, log }: { size: number; timeoutSeconds: number; log: Pick<FastifyBaseLogger, "warn"> }): Promise<RemoteWorkers> {
    const { boss, queue } = await startBatchBoss(db, pipeline.id.id, { timeoutSeconds, committer: true });
    const listener = await listenOn(db, BATCH_ANSWERED, boss);
    return new RemoteWorkers(db, boss, queue, listener, pipeline, size, log);
  }

  async run(texts: string[]): Promise<BatchResult> {
    if (this.#closed) throw new WorkerBatchError("the oracle is shutting down");
    const item: BatchItem = { texts: encodeBatch(texts) };
    const id = await this.#boss.send(this.#queue, item);
    if (!id) throw new WorkerBatchError("the job queue refused a batch");
    const answered = new Promise<BatchResult>((resolve, reject) => this.#waiting.set(id, { resolve, reject, queuedAt: Date.now(), warned: false }));
    await this.#db.query("SELECT pg_notify($1, $2)", [BATCH_QUEUED, this.#queue]);
    return answered;
  }

  async #settle(id: string): Promise<void> {
    let job;
    try {
      job = await this.#boss.getJobById<BatchItem>(this.#queue, id);
    } catch {
      return; // the next poll asks again
    }
    const waiting = this.#waiting.get(id);
    if (!waiting) return;
    if (!job) return this.#end(id, () => waiting.reject(new WorkerBatchError(`batch ${id} is gone from the job queue`)));
    if (job.state === "completed") {
      const answer = job.output as BatchAnswer;
      this.#end(id, () => ("result" in answer ? waiting.resolve(decodeBatch<BatchResult>(answer.result)) : waiting.reject(new WorkerBatchError(`a worker process failed on a batch: ${answer.error}`))));
      void this.#boss.deleteJob(this.#queue, id).catch(() => {});
    } else if (job.state === "created" && !waiting.warned && Date.now() - waiting.queuedAt > UNTAKEN_WARNING_MS) {
      waiting.warned = true;
      this.#log.warn({ queue: this.#queue, pipelineId: this.pipeline.id.id, waitingSeconds: Math.round((Date.now() - waiting.queuedAt) / 1000) },
        "no worker process has taken a batch of the current job: start npm run oracle:worker with this oracle's DATABASE_URL and PIPELINE_CONFIG (a worker with another pipeline serves another queue)");
    } else if (job.state === "failed" || job.state === "cancelled") {
      this.#end(id, () => waiting.reject(new WorkerBatchError(`batch ${id} was given to ${BATCH_ATTEMPTS} worker processes and none answered in time; the job stops here (a restart runs it again)`)));
    }
  }

  #end(id: string, settle: () => void): void {
    if (!this.#waiting.delete(id)) return;
    settle();
  }

  /** Stops waiting; batches still queued are withdrawn so no worker spends time on them. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#poll);
    const pending = [...this.#waiting.keys()];
    for (const [, w] of this.#waiting) w.reject(new WorkerBatchError("the oracle is shutting down"));
    this.#waiting.clear();
    if (pending.length > 0) await this.#boss.deleteJob(this.#queue, pending).catch(() => {});
    await this.#listener.end().catch(() => {});
    await this.#boss.stop({ graceful: false, close: false });
  }
}
