// `npm run oracle` with no DATABASE_URL runs its own PostgreSQL in the data folder: started with
// the oracle, stopped with it, left running by a kill -9 and used again by the next start. A bad
// or unreachable DATABASE_URL stops the start with a message that says what to fix.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { exited, getJson, MAIN, signIn, startMain, testEnv } from "../testing.ts";

const serverPid = (dataDir: string) => {
  const file = join(dataDir, "postgres", "postmaster.pid");
  return existsSync(file) ? Number(readFileSync(file, "utf8").split("\n")[0]) : null;
};
const running = (pid: number | null) => {
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The oracle's environment for `dir` with no DATABASE_URL: the embedded server. */
function embeddedEnv(dir: string): Record<string, string> {
  const { DATABASE_URL: _, ...env } = testEnv(dir, { ORACLE_PORT: "0", ORACLE_LOG_LEVEL: "info" });
  return env;
}

async function startFails(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const { DATABASE_URL: _, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", MAIN], { env: { ...inherited, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  return { code: await exited(child), stderr };
}

describe("the embedded PostgreSQL", () => {
  const dir = mkdtempSync(join(tmpdir(), "1tt-embedded-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("starts with the oracle, survives its kill -9 for the next start, and stops with a graceful stop", { timeout: 120_000 }, async () => {
    const env = embeddedEnv(dir);
    const first = await startMain(env);
    assert.match(first.output(), /embedded PostgreSQL in .*postgres/);
    const who = await signIn(first.url);
    const pid = serverPid(env.ORACLE_DATA_DIR);
    assert.ok(running(pid), "the server runs while the oracle does");

    first.child.kill("SIGKILL");
    await exited(first.child);
    assert.ok(running(pid), "a killed oracle leaves its server running");

    const second = await startMain(env);
    try {
      assert.equal(serverPid(env.ORACLE_DATA_DIR), pid, "the next start uses the server it finds");
      assert.equal((await getJson(second.url, who, "/session/me")).body.address, who.account.address, "the session is still there");
    } finally {
      second.child.kill("SIGTERM");
      assert.equal(await exited(second.child), 0);
    }
    // pg_ctl's own test of a stopped server: its pid file is gone (the process may linger as a zombie until reaped).
    assert.equal(serverPid(env.ORACLE_DATA_DIR), null, "a graceful stop stops the server");
  });

  it("refuses a DATABASE_URL that is not a PostgreSQL URL, naming the variable (exit 2)", async () => {
    const { code, stderr } = await startFails({ ...embeddedEnv(join(dir, "bad")), DATABASE_URL: "mysql://db/x" });
    assert.equal(code, 2);
    assert.match(stderr, /DATABASE_URL: expected a PostgreSQL connection string, postgresql:\/\/user:password@host:port\/database/);
  });

  it("says which server it could not reach and what to check, without the password (exit 1)", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const { code, stderr } = await startFails({ ...embeddedEnv(join(dir, "down")), DATABASE_URL: `postgresql://oracle:s3cret@127.0.0.1:${port}/oracle` });
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`cannot use the database postgresql://oracle:\\*\\*\\*@127.0.0.1:${port}/oracle: .*Check DATABASE_URL`));
    assert.doesNotMatch(stderr, /s3cret/);
  });
});
