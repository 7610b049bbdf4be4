// The job runner's work items, on pg-boss (a maintained PostgreSQL queue: SKIP LOCKED fetches,
// delayed sends, expiry of what a dead process held). The jobs table stays the record of each
// job (what the API shows, and the commit protocol of queue.ts); a pg-boss job says only "run
// job X" or "publish job X, not before T". It is written in the same transaction as the job row
// (JobStore's `onCreated`), so a job can never be recorded without its work item.
//
// Exactly one runner holds the database's runner lock (queue.ts). When it starts, it rebuilds the
// work items from the jobs table (reset), so items a killed runner held are neither lost nor
// waited for until they expire; an item whose job has moved on meanwhile is skipped.
import { PgBoss } from "pg-boss";
import type { Database, Queryable } from "../database/database.ts";

const QUEUE = "oracle-jobs";
/** A publish goes before new work: it finishes a submission already committed. */
const PUBLISH_PRIORITY = 1;

export interface WorkItem {
  id: string;
  jobId: string;
  publish: boolean;
}

/** pg-boss speaks to the oracle's database through its pool, or through a caller's transaction. */
export const bossAdapter = (db: Queryable) => ({ executeSql: (text: string, values?: unknown[]) => db.query(text, values) });

export class Dispatch {
  readonly #boss: PgBoss;

  private constructor(boss: PgBoss) {
    this.#boss = boss;
  }

  static async start(db: Database): Promise<Dispatch> {
    // The runner reads items itself (fetch); pg-boss's maintenance expires and deletes old items.
    const boss = new PgBoss({ db: bossAdapter(db), schema: "pgboss", schedule: false });
    boss.on("error", () => {}); // maintenance errors are retried by pg-boss; a fetch that fails throws to the runner
    await boss.start();
    // Items expire only if a runner held one for a day without finishing: the reset at start is
    // what recovers from a crash, not expiry.
    if (!(await boss.getQueue(QUEUE))) await boss.createQueue(QUEUE, { retryLimit: 0, expireInSeconds: 86_400, deleteAfterSeconds: 86_400 });
    return new Dispatch(boss);
  }

  /** Adds the work item of job `jobId`, inside the caller's transaction when `db` is one. */
  async enqueue(db: Queryable, jobId: string, { publish = false, at }: { publish?: boolean; at?: number } = {}): Promise<void> {
    await this.#boss.send(QUEUE, { jobId, publish }, { db: bossAdapter(db), priority: publish ? PUBLISH_PRIORITY : 0, ...(at ? { startAfter: new Date(at) } : {}) });
  }

  /** The next due item (publishes first, then in the order jobs were made), or null. */
  async next(): Promise<WorkItem | null> {
    const [item] = await this.#boss.fetch<{ jobId: string; publish: boolean }>(QUEUE, { batchSize: 1 });
    return item ? { id: item.id, jobId: item.data.jobId, publish: item.data.publish } : null;
  }

  async done(item: WorkItem): Promise<void> {
    await this.#boss.complete(QUEUE, item.id);
  }

  /** Replaces every item with one per job still to run or to publish (only the runner, at its start). */
  async reset(db: Queryable, jobs: { id: string; publish: boolean; at: number | null }[]): Promise<void> {
    await this.#boss.deleteAllJobs(QUEUE);
    for (const job of jobs) await this.enqueue(db, job.id, { publish: job.publish, at: job.at ?? undefined });
  }

  async stop(): Promise<void> {
    await this.#boss.stop({ graceful: false, close: false });
  }
}
