// Moving a data folder of an oracle from before PostgreSQL: every row arrives, the quoted data of
// old reports does not, oracle.db is gone afterwards, and the oracle refuses to start until then.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, describe, it } from "node:test";
import { loadConfig } from "../config.ts";
import { createOracleService } from "../service.ts";
import { testEnv } from "../testing.ts";
import { Database } from "./database.ts";

const QUOTED = "Jane Roe, +1 415 555 0142";
const MIGRATE = new URL("../migrate-sqlite.ts", import.meta.url).pathname;

/** An oracle.db as the last SQLite oracle (schema version 1, 2 or 3) left it. */
function writeOldDatabase(dataDir: string, version: 1 | 2 | 3): void {
  mkdirSync(dataDir, { recursive: true });
  const db = new DatabaseSync(join(dataDir, "oracle.db"));
  const readerKey = version >= 2 ? ", reader_key TEXT" : "";
  db.exec(`
    CREATE TABLE nonces (nonce TEXT PRIMARY KEY, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER);
    CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, address TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
    CREATE TABLE jobs (id TEXT PRIMARY KEY, contributor TEXT NOT NULL, upload_key TEXT NOT NULL, state TEXT NOT NULL, stage TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, bytes INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER, retry_at INTEGER, sequence INTEGER UNIQUE, stored TEXT, attestation TEXT, report TEXT, progress TEXT, documents INTEGER, tokens INTEGER, error TEXT${readerKey});
    CREATE TABLE uploads (job_id TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL, bytes INTEGER NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (job_id, position));
    CREATE TABLE contents (cid TEXT NOT NULL, job_id TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (cid, job_id, kind));
    ${version >= 2 ? "CREATE TABLE reader_keys (address TEXT PRIMARY KEY, public_key TEXT NOT NULL, registered_at INTEGER NOT NULL);" : ""}
    PRAGMA user_version = ${version};
  `);
  const report = {
    removed: { gopher_repetition: { documents: 1, tokens: 9, examples: [{ file: "a.jsonl", line: 4, excerpt: `Please contact ${QUOTED}` }] } },
    duplicates: { exact: {}, near: {}, examples: [{ file: "a.jsonl", line: 7, excerpt: `again ${QUOTED}`, of: { submission: 0, document: 1 } }] },
    readerIssues: { total: 1, byKind: { bad_json: 1 }, first: [{ file: "a.jsonl", line: 2, kind: "bad_json", message: `"{oops ${QUOTED}" is not valid JSON` }] },
  };
  const stored = { manifestCid: "bafymanifest", rawCids: ["bafyraw"], filteredCid: "bafyfiltered", reportCid: "bafyreport", tokens: 120, cumulativeTokens: 120 };
  db.prepare("INSERT INTO jobs (id, contributor, upload_key, state, stage, attempts, bytes, created_at, updated_at, sequence, stored, report, documents, tokens) VALUES ('j1', '0xAbC', 'k1', 'accepted', 'done', 1, 10, 1, 2, 0, ?, ?, 3, 120)")
    .run(JSON.stringify(stored), JSON.stringify(report));
  db.prepare("INSERT INTO jobs (id, contributor, upload_key, state, stage, bytes, created_at, updated_at) VALUES ('j2', '0xAbC', 'k2', 'queued', 'queued', 20, 5, 5)").run();
  db.exec(`
    INSERT INTO uploads VALUES ('j1', 0, 'a.jsonl', 10, 'aa'), ('j2', 0, 'b.jsonl', 12, 'bb'), ('j2', 1, 'c.jsonl', 8, 'cc');
    INSERT INTO contents VALUES ('bafymanifest', 'j1', 'manifest'), ('bafyreport', 'j1', 'report'), ('bafyfiltered', 'j1', 'filtered'), ('bafyraw', 'j1', 'raw');
    INSERT INTO sessions VALUES ('hash', '0xAbC', 1, 9999999999999);
  `);
  if (version >= 2) db.exec("INSERT INTO reader_keys VALUES ('0xAbC', '0x01', 3)");
  db.close();
}

describe("moving a SQLite data folder into PostgreSQL (npm run oracle:migrate-sqlite)", () => {
  const root = mkdtempSync(join(tmpdir(), "1tt-from-sqlite-"));
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const version of [1, 2, 3] as const) {
    it(`moves every job, file, content, session and reader key of a version ${version} database, and deletes oracle.db`, async () => {
      const env = testEnv(join(root, `v${version}`));
      writeOldDatabase(env.ORACLE_DATA_DIR, version);
      const config = loadConfig(env);

      await assert.rejects(createOracleService(config, { logger: false }), /holds the SQLite database of an earlier oracle .*npm run oracle:migrate-sqlite/);

      const run = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", MIGRATE], { env: { ...process.env, ...env }, encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`moved 2 jobs, 1 sessions and ${version >= 2 ? 1 : 0} reader keys`));
      assert.equal(existsSync(join(env.ORACLE_DATA_DIR, "oracle.db")), false);

      const db = await Database.open({ url: config.databaseUrl, embeddedDir: "" });
      try {
        const jobs = (await db.query("SELECT id, state, sequence, tokens, stored, report FROM jobs ORDER BY arrival")).rows;
        assert.deepEqual(jobs.map((j) => [j.id, j.state, j.sequence, j.tokens]), [["j1", "accepted", 0, 120], ["j2", "queued", null, null]]);
        assert.equal((jobs[0].stored as { manifestCid: string }).manifestCid, "bafymanifest");
        assert.doesNotMatch(JSON.stringify(jobs[0].report), new RegExp(QUOTED));
        assert.deepEqual((jobs[0].report as { readerIssues: { first: unknown[] } }).readerIssues.first, [{ file: "a.jsonl", line: 2, kind: "bad_json", message: "bad_json at line 2" }]);
        assert.equal((await db.query("SELECT * FROM uploads")).rowCount, 3);
        assert.equal((await db.query("SELECT * FROM contents WHERE job_id = 'j1'")).rowCount, 4);
        assert.equal((await db.query("SELECT * FROM sessions")).rowCount, 1);
        assert.equal((await db.query("SELECT * FROM reader_keys")).rowCount, version >= 2 ? 1 : 0);
      } finally {
        await db.close();
      }
    });
  }

  it("refuses a second move into a database that already holds jobs, and keeps oracle.db", async () => {
    const env = testEnv(join(root, "twice"));
    writeOldDatabase(env.ORACLE_DATA_DIR, 3);
    const migrate = () => spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", MIGRATE], { env: { ...process.env, ...env }, encoding: "utf8" });
    assert.equal(migrate().status, 0);
    writeOldDatabase(env.ORACLE_DATA_DIR, 3);
    const again = migrate();
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already holds jobs: move oracle.db into an empty database/);
    assert.equal(existsSync(join(env.ORACLE_DATA_DIR, "oracle.db")), true);
  });
});
