// The oracle's one database: PostgreSQL, the embedded server (embedded.ts) unless DATABASE_URL
// names another. Every process of the oracle (API, workers) opens it the same way; the schema is
// brought up to date by the migrations in ./migrations, applied in order under an advisory lock
// so two processes starting at once do not both apply them.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded.ts";

const MIGRATIONS_DIR = join(import.meta.dirname, "migrations");
/** pg_advisory_lock key held while migrations run (any constant the oracle uses for nothing else). */
const MIGRATION_LOCK = 0x1774_0001;

/** A client inside a transaction, or the pool: both answer `query`. */
export interface Queryable {
  query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

// BIGINT columns hold milliseconds, byte and token counts: all below 2^53, so read them as numbers.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export class DatabaseError extends Error {
  override name = "DatabaseError";
}

export class Database {
  readonly pool: pg.Pool;
  readonly #embedded: EmbeddedPostgres | null;

  private constructor(pool: pg.Pool, embedded: EmbeddedPostgres | null) {
    this.pool = pool;
    this.#embedded = embedded;
  }

  /**
   * Connects to `url`, or to the embedded server in `embeddedDir` (started, and created on first
   * use) when `url` is null; applies the migrations not applied yet. `guest`: the embedded server
   * is the oracle's, and stays up when this process closes (a worker process beside the oracle).
   */
  static async open({ url, embeddedDir, maxConnections = 10, guest = false }: { url: string | null; embeddedDir: string; maxConnections?: number; guest?: boolean }): Promise<Database> {
    const embedded = url ? null : startEmbeddedPostgres(embeddedDir);
    const connectionString = url ?? embedded!.url;
    const pool = new pg.Pool({ connectionString, max: maxConnections, types });
    // An idle client losing its server (a restart) must not crash the process; the next query reconnects.
    pool.on("error", () => {});
    const db = new Database(pool, guest ? null : embedded);
    try {
      await createIfMissing(connectionString);
      await migrate(db);
    } catch (e) {
      await db.close();
      if (e instanceof DatabaseError) throw e;
      throw new DatabaseError(`cannot use the database ${url ? redact(url) : `in ${embeddedDir}`}: ${(e as Error).message}. ${url ? "Check DATABASE_URL (postgresql://user:password@host:port/database) and that the server is up." : ""}`.trim());
    }
    return db;
  }

  /** Where the data is, for the log (never the password). */
  get location(): string {
    return this.#embedded ? `embedded PostgreSQL in ${this.#embedded.dir}` : redact(this.pool.options.connectionString ?? "");
  }

  query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(sql, params);
  }

  /** A connection outside the pool, for what lives as long as a session (an advisory lock). Not connected yet. */
  dedicatedClient(): pg.Client {
    const client = new pg.Client({ connectionString: this.pool.options.connectionString, types });
    client.on("error", () => {}); // the owner listens too; an unhandled one would crash the process
    return client;
  }

  /** Runs `fn` in one transaction (all or nothing) on one connection. */
  async transaction<T>(fn: (client: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
    this.#embedded?.stop();
  }
}

/** `url` with another database name (the server and credentials the same). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.href;
}

/** A first start on a new server (or the embedded one) makes the oracle's database itself. */
async function createIfMissing(url: string): Promise<void> {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return;
  } catch (e) {
    if ((e as { code?: string }).code !== "3D000") throw e; // 3D000: the database does not exist
  } finally {
    await probe.end().catch(() => {});
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } catch (e) {
    if ((e as { code?: string }).code === "42P04") return; // another process made it meanwhile
    throw new DatabaseError(`the database ${name} does not exist and cannot be created (${(e as Error).message}). Create it (createdb ${name}) or give a role that may.`);
  } finally {
    await admin.end().catch(() => {});
  }
}

const redact = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");

async function migrate(db: Database): Promise<void> {
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_.*\.sql$/.test(f)).sort();
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.query("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)");
    const applied = new Set((await tx.query<{ name: string }>("SELECT name FROM schema_migrations")).rows.map((r) => r.name));
    const unknown = [...applied].filter((name) => !files.includes(name));
    if (unknown.length > 0) {
      throw new DatabaseError(`the database has migrations this oracle does not know (${unknown.join(", ")}): a newer oracle wrote it. Run the oracle version that wrote it; a database is never downgraded.`);
    }
    for (const name of files.filter((f) => !applied.has(f))) {
      await tx.query(readFileSync(join(MIGRATIONS_DIR, name), "utf8"));
      await tx.query("INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)", [name, Date.now()]);
    }
  });
}
