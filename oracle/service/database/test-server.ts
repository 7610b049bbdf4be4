// The PostgreSQL server tests run on: the one ORACLE_TEST_DATABASE_URL names (the test command
// starts one embedded server for all test files; a second run points it at another server), or
// else an embedded one this process starts on first use and stops when it exits. Each oracle
// data folder gets its own database on it, named after the folder, so a service restarted on the
// same folder finds its jobs again and two services never share one.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withDatabase } from "./database.ts";
import { startEmbeddedPostgres } from "./embedded.ts";

export const TEST_SERVER_VARIABLE = "ORACLE_TEST_DATABASE_URL";

let own: string | null = null;
const PREFIX = "1tt-test-postgres-";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Servers of test processes that were killed (no exit hook ran) would run on forever: each
 * server's folder names the process that started it, and a server whose process is gone is stopped.
 */
function stopOrphans(): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = join(tmpdir(), name);
    const owner = Number(existsSync(join(dir, "owner")) ? readFileSync(join(dir, "owner"), "utf8") : NaN);
    if (!Number.isInteger(owner) || alive(owner)) continue;
    const pidFile = join(dir, "cluster", "postmaster.pid");
    const server = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").split("\n")[0]) : NaN;
    if (Number.isInteger(server) && alive(server)) process.kill(server, "SIGINT"); // fast shutdown
    rmSync(dir, { recursive: true, force: true });
  }
}

function serverUrl(): string {
  const given = process.env[TEST_SERVER_VARIABLE]?.trim();
  if (given) return given;
  if (own) return own;
  stopOrphans();
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  writeFileSync(join(dir, "owner"), String(process.pid));
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
