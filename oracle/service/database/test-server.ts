// The PostgreSQL server tests run on: the one ORACLE_TEST_DATABASE_URL names (the test command
// starts one embedded server for all test files; a second run points it at another server), or
// else an embedded one this process starts on first use and stops when it exits. Each oracle
// data folder gets its own database on it, named after the folder, so a service restarted on the
// same folder finds its jobs again and two services never share one.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withDatabase } from "./database.ts";
import { startEmbeddedPostgres } from "./embedded.ts";

export const TEST_SERVER_VARIABLE = "ORACLE_TEST_DATABASE_URL";

let own: string | null = null;

function serverUrl(): string {
  const given = process.env[TEST_SERVER_VARIABLE]?.trim();
  if (given) return given;
  if (own) return own;
  const dir = mkdtempSync(join(tmpdir(), "1tt-test-postgres-"));
  const server = startEmbeddedPostgres(join(dir, "cluster"), "postgres");
  process.once("exit", () => {
    try {
      server.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  own = server.url;
  return own;
}

/** The connection string of `dataDir`'s own database on the test server (created on first use). */
export function testDatabaseUrl(dataDir: string): string {
  return withDatabase(serverUrl(), `t_${createHash("sha256").update(dataDir).digest("hex").slice(0, 24)}`);
}
