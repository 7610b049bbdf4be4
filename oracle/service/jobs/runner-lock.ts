// Exactly one job runner per database: it decides duplicates and hands out sequence numbers, so
// two at once would break the order every count depends on. The runner holds a PostgreSQL
// session advisory lock on a connection of its own; the server drops it when that connection
// ends, so a runner killed with -9 frees it at once and a waiting oracle takes over.
import pg from "pg";
import type { Database } from "../database/database.ts";

/** pg_advisory_lock key of the job runner (distinct from the migration lock). */
const RUNNER_LOCK = 0x1774_0002;

export class RunnerLock {
  readonly #client: pg.Client;
  #released = false;

  private constructor(client: pg.Client) {
    this.#client = client;
  }

  /**
   * Takes the lock. With `wait`, waits while another process holds it (until `signal` aborts:
   * then null); without, answers null at once if it is held. `onLost` is called if the
   * connection holding it ends without `release()` (the server went away).
   */
  static async take(db: Database, { wait, signal, onLost }: { wait: boolean; signal?: AbortSignal; onLost: (e: Error) => void }): Promise<RunnerLock | null> {
    const client = db.dedicatedClient();
    await client.connect();
    const giveUp = () => void client.end().catch(() => {});
    signal?.addEventListener("abort", giveUp, { once: true });
    try {
      const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [RUNNER_LOCK]);
      if (!rows[0].ok) {
        if (!wait) {
          await client.end();
          return null;
        }
        await client.query("SELECT pg_advisory_lock($1)", [RUNNER_LOCK]);
      }
    } catch (e) {
      await client.end().catch(() => {});
      if (signal?.aborted) return null;
      throw e;
    } finally {
      signal?.removeEventListener("abort", giveUp);
    }
    const lock = new RunnerLock(client);
    const lost = (e?: Error) => {
      if (!lock.#released) onLost(e ?? new Error("the connection holding the runner lock ended"));
      lock.#released = true;
    };
    client.on("error", lost);
    client.on("end", () => lost());
    return lock;
  }

  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    await this.#client.end().catch(() => {});
  }
}
