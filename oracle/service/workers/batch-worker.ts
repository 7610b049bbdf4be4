// A worker process's loop: takes batches of its pipeline from the queue (batches.ts), as many at
// once as it has pipeline threads, processes them and answers each. It holds no state of its
// own: killed at any moment, it loses nothing (its batches expire and go to another worker).
import type pg from "pg";
import type { PgBoss } from "pg-boss";
import type { Logger } from "pino";
import type { PipelineWorkers } from "../../pipeline/run/workers.ts";
import type { Database } from "../database/database.ts";
import { BATCH_ANSWERED, BATCH_POLL_MS, BATCH_QUEUED, decodeBatch, encodeBatch, listenOn, startBatchBoss, type BatchAnswer, type BatchItem } from "./batches.ts";

export class BatchWorker {
  readonly queue: string;
  readonly #db: Database;
  readonly #boss: PgBoss;
  readonly #threads: PipelineWorkers;
  readonly #listener: pg.Client;
  readonly #log: Pick<Logger, "info" | "debug" | "error">;
  #busy = 0;
  #stopping = false;
  #wake: (() => void) | null = null;
  /** A wake-up that came while the loop was not idle. */
  #woken = false;
  #loop: Promise<void> | null = null;
  /** Batches answered since the start. */
  answered = 0;

  private constructor(db: Database, boss: PgBoss, queue: string, threads: PipelineWorkers, listener: pg.Client, log: Pick<Logger, "info" | "debug" | "error">) {
    this.#db = db;
    this.#boss = boss;
    this.queue = queue;
    this.#threads = threads;
    this.#listener = listener;
    this.#log = log;
    listener.on("notification", (n) => {
      if (n.payload === queue) this.#nudge();
    });
  }

  static async start(db: Database, threads: PipelineWorkers, log: Pick<Logger, "info" | "debug" | "error">, timeoutSeconds: number): Promise<BatchWorker> {
    const { boss, queue } = await startBatchBoss(db, threads.pipeline.id.id, { timeoutSeconds, committer: false });
    const listener = await listenOn(db, BATCH_QUEUED, boss);
    const worker = new BatchWorker(db, boss, queue, threads, listener, log);
    worker.#loop = worker.#run();
    return worker;
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      let found = false;
      try {
        if (this.#busy < this.#threads.size) {
          const [item] = await this.#boss.fetch<BatchItem>(this.queue, { batchSize: 1 });
          if (item) {
            found = true;
            this.#busy++;
            void this.#process(item.id, item.data).finally(() => {
              this.#busy--;
              this.#nudge();
            });
          }
        }
      } catch (e) {
        this.#log.error({ err: e }, "taking a batch from the queue failed; trying again");
      }
      if (!found || this.#busy >= this.#threads.size) await this.#idle();
    }
  }

  #nudge(): void {
    if (this.#wake) this.#wake();
    else this.#woken = true;
  }

  /** Until a batch is queued, a thread frees, or the poll interval passes. */
  #idle(): Promise<void> {
    if (this.#woken) {
      this.#woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), BATCH_POLL_MS);
      const done = () => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
      this.#wake = done;
    });
  }

  async #process(id: string, item: BatchItem): Promise<void> {
    this.#log.debug({ batch: id }, "batch taken");
    let answer: BatchAnswer;
    try {
      answer = { result: encodeBatch(await this.#threads.run(decodeBatch<string[]>(item.texts))) };
    } catch (e) {
      this.#log.error({ err: e, batch: id }, "the pipeline failed on a batch");
      answer = { error: (e as Error).message };
    }
    try {
      await this.#boss.complete(this.queue, id, answer);
      await this.#db.query("SELECT pg_notify($1, $2)", [BATCH_ANSWERED, id]);
      this.answered++;
    } catch (e) {
      // The batch expires and another worker answers it.
      this.#log.error({ err: e, batch: id }, "answering a batch failed");
    }
  }

  /** Stops taking batches, answers those in hand, then lets go of the database. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#nudge();
    await this.#loop;
    while (this.#busy > 0) await new Promise((r) => setTimeout(r, 20));
    await this.#listener.end().catch(() => {});
    await this.#boss.stop({ graceful: false, close: false });
  }
}
