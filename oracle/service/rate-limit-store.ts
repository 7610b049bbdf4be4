// The rate limits' counters in the database, so that several API processes behind one address
// count one client once: @fastify/rate-limit's store interface over the rate_limits table, a fixed
// window per key, incremented atomically on the database's clock (the processes' clocks may differ).
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { Database } from "./database/database.ts";

const NOW = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";
/** One increment in this many also deletes expired windows, so the table holds live clients only. */
const SWEEP_EVERY = 500;

const INCREMENT = `
WITH now AS (SELECT ${NOW} AS ms)
INSERT INTO rate_limits AS r (key, window_start, expires_at, count)
SELECT $1, ms, ms + $2, 1 FROM now
ON CONFLICT (key) DO UPDATE SET
  count = CASE WHEN r.expires_at <= (SELECT ms FROM now) THEN 1 ELSE r.count + 1 END,
  window_start = CASE WHEN r.expires_at <= (SELECT ms FROM now) THEN (SELECT ms FROM now) ELSE r.window_start END,
  expires_at = CASE WHEN r.expires_at <= (SELECT ms FROM now) THEN (SELECT ms FROM now) + $2 ELSE r.expires_at END
RETURNING r.count, r.expires_at - (SELECT ms FROM now) AS ttl`;

/** A store class for @fastify/rate-limit's `store` option, counting in `db`. */
export function databaseRateLimitStore(db: Database): FastifyRateLimitStoreCtor {
  let calls = 0;
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    readonly #prefix: string;

    constructor(_options: unknown, prefix = "") {
      this.#prefix = prefix;
    }

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      if (++calls % SWEEP_EVERY === 0) void db.query(`DELETE FROM rate_limits WHERE expires_at < ${NOW}`).catch(() => {});
      db.query<{ count: number; ttl: number }>(INCREMENT, [this.#prefix + key, timeWindow]).then(
        ({ rows }) => callback(null, { current: rows[0].count, ttl: Number(rows[0].ttl) }),
        (e: Error) => callback(e),
      );
    }

    /** A route with limits of its own counts apart (its method and URL prefix the keys). */
    child(routeOptions: Parameters<FastifyRateLimitStore["child"]>[0]): FastifyRateLimitStore {
      // What the plugin passes at run time carries the route as routeInfo.
      const route = (routeOptions as unknown as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? routeOptions;
      return new DatabaseRateLimitStore(routeOptions, `${[route.method].flat().join(",")} ${route.url ?? ""}:`);
    }
  }
  return DatabaseRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
