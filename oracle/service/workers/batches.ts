// Batches of documents between the committer and worker processes, on pg-boss. The committer
// reads a job's upload and cuts it into batches exactly as it does for its own threads; each
// batch becomes a pg-boss item that any worker process may take, process with the pipeline's
// per-document blocks (normalize, filter, fingerprint, count) and complete with the result. The
// committer then decides duplicates from the results in document order, so the decisions are the
// same whoever processed a batch, and however many processed them.
//
// A worker killed while it holds a batch answers nothing: pg-boss expires the item after the
// batch timeout and hands it to another worker (a batch's result is a pure function of its
// texts, so processing one twice is harmless).
//
// Texts and results travel as V8 serializations (base64 inside the item's JSON): PostgreSQL's
// jsonb refuses U+0000 and lone surrogates, which uploaded text may hold and the pipeline keeps.
import { createHash } from "node:crypto";
import { deserialize, serialize } from "node:v8";
import type pg from "pg";
import { PgBoss } from "pg-boss";
import type { Database } from "../database/database.ts";
import { bossAdapter } from "../jobs/dispatch.ts";

/** NOTIFY channel: a batch was queued (payload: the queue's name), so idle workers wake at once. */
export const BATCH_QUEUED = "oracle_batch_queued";
/** NOTIFY channel: a batch was answered (payload: the item's id), so the committer reads it at once. */
export const BATCH_ANSWERED = "oracle_batch_answered";

/** How often each side looks again when a notification was missed (a reconnect). */
export const BATCH_POLL_MS = 1000;

/**
 * The queue of one pipeline's batches: a worker built for another configuration never takes
 * them, since its results would not be this pipeline's.
 */
export const batchQueueName = (pipelineId: string) => `oracle-batches-${createHash("sha256").update(pipelineId).digest("hex").slice(0, 16)}`;

export interface BatchItem {
  /** base64 of the V8 serialization of the batch's texts. */
  texts: string;
}

/** What a worker answers: the batch's result, or why the blocks threw on it. */
export type BatchAnswer = { result: string } | { error: string };

export const encodeBatch = (value: unknown): string => serialize(value).toString("base64");
export const decodeBatch = <T>(encoded: string): T => deserialize(Buffer.from(encoded, "base64")) as T;

/** Times a batch is handed to another worker after its worker stopped answering, before its job fails. */
export const BATCH_ATTEMPTS = 5;

/**
 * pg-boss on the oracle's database for the batches of `pipelineId`, its queue made if missing
 * with `timeoutSeconds`; the committer's timeout (`committer`) is the one that then applies.
 */
export async function startBatchBoss(db: Database, pipelineId: string, { timeoutSeconds, committer }: { timeoutSeconds: number; committer: boolean }): Promise<{ boss: PgBoss; queue: string }> {
  // Supervision expires the items of dead workers; every process runs it (pg-boss lets one at a
  // time do each pass), so expiry goes on whichever processes are up.
  const boss = new PgBoss({ db: bossAdapter(db), schema: "pgboss", schedule: false, supervise: true, superviseIntervalSeconds: 1, monitorIntervalSeconds: 1 });
  boss.on("error", () => {}); // maintenance errors are retried by pg-boss; a failed send or fetch throws to its caller
  await boss.start();
  const queue = batchQueueName(pipelineId);
  const expireInSeconds = timeoutSeconds;
  try {
    if (!(await boss.getQueue(queue))) await boss.createQueue(queue, { retryLimit: BATCH_ATTEMPTS - 1, retryDelay: 0, expireInSeconds, deleteAfterSeconds: 3600 });
  } catch (e) {
    if (!(await boss.getQueue(queue))) throw e; // otherwise another process made it at the same moment
  }
  if (committer) await boss.updateQueue(queue, { expireInSeconds });
  return { boss, queue };
}

/** A connection of its own that listens on `channel` (notifications arrive as its "notification" events). */
export async function listenOn(db: Database, channel: string, boss: PgBoss): Promise<pg.Client> {
  const listener = db.dedicatedClient();
  try {
    await listener.connect();
    await listener.query(`LISTEN ${channel}`);
  } catch (e) {
    await listener.end().catch(() => {});
    await boss.stop({ graceful: false, close: false });
    throw e;
  }
  return listener;
}
