// The one-shot move of an oracle data folder from its former SQLite database (oracle.db, schema
// versions 1 to 3) into PostgreSQL: every job, upload file, stored content, session and reader
// key, in one transaction; then oracle.db is deleted, so no second copy of the data stays behind
// (reports of versions before 3 quoted the data: they are cut to their counts on the way).
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Report } from "../../pipeline/run/report.ts";
import { countsOnly } from "../jobs/report-counts.ts";
import type { Database, Queryable } from "./database.ts";

export class SqliteImportError extends Error {
  override name = "SqliteImportError";
}

/** The former database of a data folder, if it still has one. */
export const sqlitePath = (dataDir: string) => join(dataDir, "oracle.db");

type Row = Record<string, string | number | null>;

const JOB_COLUMNS = ["id", "contributor", "upload_key", "state", "stage", "attempts", "bytes", "created_at", "updated_at", "started_at", "finished_at", "retry_at",
  "sequence", "stored", "attestation", "report", "progress", "documents", "tokens", "error", "reader_key"] as const;

async function copy(tx: Queryable, table: string, columns: readonly string[], rows: Row[]): Promise<void> {
  for (const row of rows) {
    await tx.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`, columns.map((c) => row[c] ?? null));
  }
}

/** Moves `dataDir`/oracle.db into `db`; returns the jobs moved. The PostgreSQL database must hold no job yet. */
export async function importSqlite(dataDir: string, db: Database): Promise<{ jobs: number; sessions: number; readerKeys: number }> {
  const path = sqlitePath(dataDir);
  if (!existsSync(path)) throw new SqliteImportError(`${dataDir} has no oracle.db: there is nothing to move.`);
  // Loaded here only: the oracle itself no longer uses SQLite.
  const { DatabaseSync } = await import("node:sqlite");
  const source = new DatabaseSync(path, { readOnly: true });
  let counts;
  try {
    const version = (source.prepare("PRAGMA user_version").get() as { user_version: number }).user_version;
    if (version < 1 || version > 3) throw new SqliteImportError(`${path} has schema version ${version}; this oracle moves versions 1 to 3. Use the oracle version that wrote it to bring it to version 3 first.`);
    const tables = new Set((source.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    const all = (table: string, order = "") => (tables.has(table) ? (source.prepare(`SELECT * FROM ${table}${order}`).all() as Row[]) : []);
    const jobs = all("jobs", " ORDER BY created_at, rowid").map((job) => ({
      ...job,
      report: typeof job.report === "string" ? JSON.stringify(countsOnly(JSON.parse(job.report) as Report)) : null,
    }));
    const uploads = all("uploads");
    const contents = all("contents");
    const sessions = all("sessions");
    const nonces = all("nonces");
    const readerKeys = all("reader_keys");
    await db.transaction(async (tx) => {
      if ((await tx.query("SELECT 1 FROM jobs LIMIT 1")).rowCount) throw new SqliteImportError(`the database ${db.location} already holds jobs: move oracle.db into an empty database.`);
      await copy(tx, "jobs", JOB_COLUMNS, jobs);
      await copy(tx, "uploads", ["job_id", "position", "name", "bytes", "sha256"], uploads);
      await copy(tx, "contents", ["cid", "job_id", "kind"], contents);
      await copy(tx, "sessions", ["token_hash", "address", "created_at", "expires_at"], sessions);
      await copy(tx, "nonces", ["nonce", "created_at", "expires_at", "used_at"], nonces);
      await copy(tx, "reader_keys", ["address", "public_key", "registered_at"], readerKeys);
    });
    counts = { jobs: jobs.length, sessions: sessions.length, readerKeys: readerKeys.length };
  } finally {
    source.close();
  }
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
  return counts;
}
