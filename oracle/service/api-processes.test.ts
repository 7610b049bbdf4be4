// Several oracle processes on one database, as behind one address: a session, a rate limit and a
// job's progress are the same whichever process a request reaches; exactly one of them runs the
// jobs, and when it is killed (-9) another takes over, recovers and runs them.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { DEFAULT_SIZES } from "../pipeline/testset/generate.ts";
import { datasetJsonl, exited, followEvents, getJson, signIn, startMain, testEnv, upload } from "./testing.ts";

const stateLog = (dataDir: string) =>
  readFileSync(join(dataDir, "state", "log.jsonl"), { encoding: "utf8", flag: "a+" }).split("\n").filter(Boolean).map((l) => JSON.parse(l) as { inputs: { sha256: string }[] });

/** Two oracle processes (`npm run oracle`) on one data folder and database, started in order, killed after the suite. */
function twoProcesses(name: string, extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), `1tt-${name}-`));
  const env = testEnv(dir, { ORACLE_PORT: "0", ORACLE_LOG_LEVEL: "info", ...extra });
  const children: Awaited<ReturnType<typeof startMain>>["child"][] = [];
  after(() => {
    for (const c of children) c.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    env,
    start: async () => {
      const first = await startMain(env);
      children.push(first.child);
      const second = await startMain(env);
      children.push(second.child);
      return [first, second] as const;
    },
  };
}

describe("two API processes behind one address", () => {
  const processes = twoProcesses("api-processes", { RATE_LIMIT_SIGN_IN: "6" });

  it("share sessions, rate limits and job progress; one runs the jobs and the other takes over when it is killed", { timeout: 180_000 }, async () => {
    const [first, second] = await processes.start();
    assert.match(second.output(), /another oracle process runs the jobs of this database/);

    // Signed in on the first, the session works on the second.
    const who = await signIn(first.url);
    assert.equal((await getJson(second.url, who, "/session/me")).body.address, who.account.address);

    // Uploaded to the second (which runs no jobs), followed there: the first runs it.
    const res = await upload(second.url, who, [{ name: "a.jsonl", data: datasetJsonl(31) }]);
    assert.equal(res.status, 202);
    const { job } = (await res.json()) as { job: { id: string } };
    const events = await followEvents(second.url, who, job.id);
    assert.ok(events.some((e) => e.event === "progress"), "the second process relays the runner's progress");
    assert.equal(events.at(-1)!.data.state, "accepted", JSON.stringify(events.at(-1)!.data.error));
    assert.equal((await getJson(first.url, who, `/jobs/${job.id}`)).body.state, "accepted");

    // The nonce limit (6 a minute from one address) counts requests to both processes together
    // (each alone would have seen 3 of these 6): signIn above took the first nonce.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${[first, second][i % 2].url}/session/nonce`)).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);

    // The runner dies; the second takes over the jobs, and a new upload is run by it.
    first.child.kill("SIGKILL");
    await exited(first.child);
    for (let i = 0; !/this oracle now runs the jobs|taking over the jobs failed/.test(second.output()); i++) {
      assert.ok(i < 600, `the second process did not take over:\n${second.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.doesNotMatch(second.output(), /taking over the jobs failed/, second.output());
    const later = await upload(second.url, who, [{ name: "b.jsonl", data: datasetJsonl(32) }]);
    assert.equal(later.status, 202);
    const next = (await later.json()) as { job: { id: string } };
    const done = (await followEvents(second.url, who, next.job.id)).at(-1)!.data;
    assert.equal(done.state, "accepted", JSON.stringify(done.error));
    assert.equal(done.result.sequence, 1);
    assert.equal((await getJson(second.url, null, "/stats")).body.submissions, 2);
  });
});

describe("the runner killed mid-job", () => {
  const processes = twoProcesses("takeover");

  it("the waiting process takes over, runs the job again and commits it exactly once", { timeout: 180_000 }, async () => {
    const [runner, standby] = await processes.start();
    let data = "";
    for (let seed = 1; seed <= 2; seed++) data += datasetJsonl(seed, DEFAULT_SIZES);
    data = data.repeat(3);
    const who = await signIn(standby.url);
    const res = await upload(standby.url, who, [{ name: "big.jsonl", data }]);
    assert.equal(res.status, 202);
    const { job } = (await res.json()) as { job: { id: string } };

    // Followed on the standby; the runner is killed at its first progress event, before its commit.
    let killed = false;
    const events = await followEvents(standby.url, who, job.id, (e) => {
      if (!killed && e.event === "progress" && e.data.bytesRead < e.data.bytesTotal) {
        killed = true;
        runner.child.kill("SIGKILL");
      }
    });
    assert.ok(killed, "a progress event of the runner reached the standby before the end of the input");
    const done = events.at(-1)!.data;
    assert.equal(done.state, "accepted", JSON.stringify(done.error));
    assert.equal(done.attempts, 2);
    assert.equal(done.result.sequence, 0);
    const log = stateLog(processes.env.ORACLE_DATA_DIR);
    assert.equal(log.length, 1, "committed exactly once");
    assert.equal(log[0].inputs[0].sha256, done.files[0].sha256);
    assert.match(standby.output(), /job was interrupted before its commit; it will run again/);
    assert.equal((await getJson(standby.url, null, "/stats")).body.submissions, 1);
  });
});
