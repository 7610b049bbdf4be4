// Per-job progress fan-out: the runner publishes, Server-Sent Event streams subscribe. Across
// processes too: every event also goes out as a PostgreSQL notification, so a client following
// its job on one API process sees the progress of the runner in another.
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type pg from "pg";
import type { Database } from "../database/database.ts";
import type { JobProgress } from "./job-store.ts";

export type JobEvent =
  | { type: "progress"; data: JobProgress }
  | { type: "stage"; data: { state: string; stage: string } }
  /** The job ended (accepted or failed); `data` is the job as GET /jobs/:id returns it. */
  | { type: "done"; data: unknown };

const CHANNEL = "oracle_job_events";
/** PostgreSQL refuses notification payloads from 8000 bytes on. */
const MAX_PAYLOAD = 7900;

interface Notice {
  origin: string;
  jobId: string;
  /** Absent when it was too large to send: a "done" is then read back from the database. */
  event?: JobEvent;
  type: JobEvent["type"];
}

export class JobEvents {
  readonly #emitter = new EventEmitter();
  readonly #origin = randomUUID();
  #db: Database | null = null;
  #listener: pg.Client | null = null;
  // Sent one after another, so other processes receive them in the order they happened.
  #sending: Promise<unknown> = Promise.resolve();

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  /** Shares events with the other processes on `db`; `doneView` reads an ended job as a "done" event carries it. */
  async connect(db: Database, doneView: (jobId: string) => Promise<unknown>): Promise<void> {
    const listener = db.dedicatedClient();
    await listener.connect();
    listener.on("notification", (msg) => {
      const notice = JSON.parse(msg.payload ?? "{}") as Notice;
      if (notice.origin === this.#origin) return;
      if (notice.event) this.#emitter.emit(notice.jobId, notice.event);
      else if (notice.type === "done") void doneView(notice.jobId).then((data) => this.#emitter.emit(notice.jobId, { type: "done", data }), () => {});
    });
    await listener.query(`LISTEN ${CHANNEL}`);
    this.#db = db;
    this.#listener = listener;
  }

  publish(jobId: string, event: JobEvent): void {
    this.#emitter.emit(jobId, event);
    const db = this.#db;
    if (!db) return;
    let payload = JSON.stringify({ origin: this.#origin, jobId, type: event.type, event } satisfies Notice);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) payload = JSON.stringify({ origin: this.#origin, jobId, type: event.type } satisfies Notice);
    this.#sending = this.#sending.then(() => db.query("SELECT pg_notify($1, $2)", [CHANNEL, payload])).catch(() => {});
  }

  subscribe(jobId: string, listener: (event: JobEvent) => void): () => void {
    this.#emitter.on(jobId, listener);
    return () => this.#emitter.off(jobId, listener);
  }

  async close(): Promise<void> {
    await this.#sending;
    this.#db = null;
    await this.#listener?.end().catch(() => {});
  }
}
