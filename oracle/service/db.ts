// The service's database (node:sqlite, one file in the data folder): sign-in nonces, sessions,
// contributors' reader keys, jobs and the files of each upload. WAL with synchronous=FULL, so a row the service wrote
// before a crash is there after it: the job state machine relies on it (see jobs/queue.ts).
import { DatabaseSync } from "node:sqlite";
import type { Report } from "../pipeline/run/report.ts";
import { countsOnly } from "./jobs/report-counts.ts";

const SCHEMA_VERSION = 3;

const SCHEMA = `
CREATE TABLE nonces (
  nonce TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  address TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  contributor TEXT NOT NULL,
  upload_key TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'processing', 'accepted', 'failed')),
  stage TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  retry_at INTEGER,
  sequence INTEGER UNIQUE,
  stored TEXT,
  attestation TEXT,
  report TEXT,
  progress TEXT,
  documents INTEGER,
  tokens INTEGER,
  error TEXT,
  reader_key TEXT
);
CREATE UNIQUE INDEX jobs_idempotent ON jobs(contributor, upload_key) WHERE state != 'failed';
CREATE INDEX jobs_by_state ON jobs(state, created_at);
CREATE INDEX jobs_by_contributor ON jobs(contributor, created_at);
CREATE TABLE uploads (
  job_id TEXT NOT NULL REFERENCES jobs(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (job_id, position)
);
CREATE TABLE contents (
  cid TEXT NOT NULL,
  job_id TEXT NOT NULL REFERENCES jobs(id),
  kind TEXT NOT NULL CHECK (kind IN ('manifest', 'keys', 'report', 'filtered', 'raw')),
  PRIMARY KEY (cid, job_id, kind)
);
CREATE TABLE reader_keys (
  address TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  registered_at INTEGER NOT NULL
);
`;

// From each version to the next, in one transaction each. A database is never downgraded.
const MIGRATIONS: Record<number, string | ((db: DatabaseSync) => void)> = {
  // 1 → 2: contributors' reader keys (every upload is encrypted for its contributor), the key a
  // job was uploaded with, and key envelopes among the contents.
  1: `
ALTER TABLE jobs ADD COLUMN reader_key TEXT;
CREATE TABLE reader_keys (
  address TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  registered_at INTEGER NOT NULL
);
CREATE TABLE contents_v2 (
  cid TEXT NOT NULL,
  job_id TEXT NOT NULL REFERENCES jobs(id),
  kind TEXT NOT NULL CHECK (kind IN ('manifest', 'keys', 'report', 'filtered', 'raw')),
  PRIMARY KEY (cid, job_id, kind)
);
INSERT INTO contents_v2 SELECT cid, job_id, kind FROM contents;
DROP TABLE contents;
ALTER TABLE contents_v2 RENAME TO contents;
`,
  // 2 → 3: reports lose the excerpts and reader messages that quote the data (jobs/report-counts.ts);
  // secure_delete (set on open) overwrites the old text instead of leaving it in free pages.
  2: (db) => {
    const update = db.prepare("UPDATE jobs SET report = ? WHERE id = ?");
    for (const row of db.prepare("SELECT id, report FROM jobs WHERE report IS NOT NULL").all() as { id: string; report: string }[]) {
      update.run(JSON.stringify(countsOnly(JSON.parse(row.report) as Report)), row.id);
    }
  },
};

export function openDatabase(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  try {
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON;");
    const { user_version: version } = db.prepare("PRAGMA user_version").get() as { user_version: number };
    if (version === 0) {
      transaction(db, () => {
        db.exec(SCHEMA);
        db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
      });
    } else if (version < SCHEMA_VERSION) {
      for (let v = version; v < SCHEMA_VERSION; v++) {
        transaction(db, () => {
          const step = MIGRATIONS[v];
          if (typeof step === "string") db.exec(step);
          else step(db);
          db.exec(`PRAGMA user_version = ${v + 1}`);
        });
      }
      // The pages a migration rewrote replace the old ones in the main file now, not at some later checkpoint.
      db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } else if (version !== SCHEMA_VERSION) {
      throw new Error(`${path} has schema version ${version}; this oracle reads version ${SCHEMA_VERSION}. Use the oracle version that wrote it.`);
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Runs `fn` in one IMMEDIATE transaction (all or nothing). */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = fn();
    db.exec("COMMIT");
    return result;
  } catch (e) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw e;
  }
}
