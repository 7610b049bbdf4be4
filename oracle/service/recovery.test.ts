// The oracle stopped or broken at every awkward moment: nothing is lost, nothing counted twice.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { DEFAULT_SIZES } from "../pipeline/testset/generate.ts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { StoreUnreachableError } from "../store/index.ts";
import { FakeKubo } from "../store/testing/fake-kubo.ts";
import { loadConfig } from "./config.ts";
import { createOracleService } from "./service.ts";
import { ContentStoreSink, type SubmissionSink } from "./sink.ts";
import { datasetJsonl, exited, followEvents, getJson, MAIN, signIn, sql, startMain, startService, testEnv, upload, type SignedIn } from "./testing.ts";

const stateLog = (dataDir: string) =>
  readFileSync(join(dataDir, "state", "log.jsonl"), { encoding: "utf8", flag: "a+" }).split("\n").filter(Boolean).map((l) => JSON.parse(l) as { sequence: number; inputs: { sha256: string }[] });

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}


describe("the content store down", () => {
  let workers: PipelineWorkers;
  before(async () => (workers = await PipelineWorkers.start({}, 1)));
  after(async () => workers?.close());

  it("at start: the service does not start, and says where it looked", async () => {
    const dir = mkdtempSync(join(tmpdir(), "1tt-service-"));
    try {
      const port = await closedPort();
      const config = loadConfig(testEnv(dir, { IPFS_API_URL: `http://127.0.0.1:${port}` }));
      await assert.rejects(createOracleService(config, { workers, logger: false }), (e: unknown) => {
        assert.ok(e instanceof StoreUnreachableError);
        assert.match(e.message, new RegExp(`Cannot reach the IPFS node's RPC API at http://127.0.0.1:${port}`));
        return true;
      });
      // And main.ts exits with that message.
      const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", MAIN], { env: { ...process.env, ...testEnv(dir, { IPFS_API_URL: `http://127.0.0.1:${port}`, ORACLE_PORT: "0" }) } });
      let err = "";
      child.stderr.on("data", (c: Buffer) => (err += c.toString()));
      assert.equal(await exited(child), 1);
      assert.match(err, /1tt oracle: cannot start: Cannot reach the IPFS node/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("during a job: the job fails with 503 and a clear message, and nothing is committed", async () => {
    const kubo = new FakeKubo();
    const url = await kubo.start();
    const svc = await startService(workers, { IPFS_API_URL: url });
    try {
      const who = await signIn(svc.url);
      await kubo.stop();
      const res = await upload(svc.url, who, [{ name: "a.jsonl", data: datasetJsonl(3).split("\n").slice(0, 20).join("\n") + "\n" }]);
      assert.equal(res.status, 202);
      const { job } = (await res.json()) as { job: { id: string } };
      const done = (await followEvents(svc.url, who, job.id)).at(-1)!.data;
      assert.equal(done.state, "failed");
      assert.equal(done.error.status, 503);
      assert.equal(done.error.code, "store_unavailable");
      assert.match(done.error.message, /content store \(IPFS\) could not be reached, so nothing was recorded/);
      assert.deepEqual(stateLog(svc.config.dataDir), []);
      assert.equal((await getJson(svc.url, null, "/stats")).body.submissions, 0);
      assert.equal((await getJson(svc.url, null, "/health")).status, 503);
    } finally {
      await svc.close();
    }
  });
});

describe("the oracle stopped during a job", () => {
  it("killed (SIGKILL) while processing: the restart runs the job again and it is committed once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "1tt-service-"));
    const env = testEnv(dir, { ORACLE_PORT: "0", ORACLE_LOG_LEVEL: "info" });
    const dataDir = loadConfig(env).dataDir;
    let data = "";
    for (let seed = 1; seed <= 2; seed++) data += datasetJsonl(seed, DEFAULT_SIZES);
    data = data.repeat(3);
    let second: ChildProcess | null = null;
    try {
      const first = await startMain(env);
      const who = await signIn(first.url, privateKeyToAccount(generatePrivateKey()));
      const res = await upload(first.url, who, [{ name: "big.jsonl", data }]);
      assert.equal(res.status, 202);
      const { job } = (await res.json()) as { job: { id: string } };
      let killedAt: { stage: string; bytesRead: number; bytesTotal: number } | null = null;
      await followEvents(first.url, who, job.id, (e) => {
        if (!killedAt && e.event === "progress" && e.data.bytesRead < e.data.bytesTotal) {
          killedAt = e.data;
          first.child.kill("SIGKILL");
        }
      }).catch(() => {});
      await exited(first.child);
      assert.ok(killedAt, "a progress event arrived before the end of the input");
      assert.deepEqual(stateLog(dataDir), [], "nothing was committed before the kill");

      const restarted = await startMain(env);
      second = restarted.child;
      // Sessions live in the database: the same token works after the restart.
      const done = (await followEvents(restarted.url, who, job.id)).at(-1)!.data;
      assert.equal(done.state, "accepted", JSON.stringify(done.error));
      assert.equal(done.attempts, 2);
      const log = stateLog(dataDir);
      assert.equal(log.length, 1);
      assert.equal(log[0].inputs[0].sha256, done.files[0].sha256);
      assert.match(restarted.output(), /removing the dedup state's lock left by a process that no longer runs/);
      assert.match(restarted.output(), /job was interrupted before its commit; it will run again/);

      // A graceful stop exits 0.
      second.kill("SIGTERM");
      assert.equal(await exited(second), 0);
      second = null;
    } finally {
      second?.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("restarts around the commit", () => {
  let workers: PipelineWorkers;
  before(async () => (workers = await PipelineWorkers.start({}, 1)));
  after(async () => workers?.close());

  /** A ContentStoreSink that counts its calls, and can hold store() until aborted. */
  function countingSink(calls: { store: number; publish: number }, hold = false): (s: import("../store/index.ts").ContentStore) => SubmissionSink {
    return (s) => {
      const inner = new ContentStoreSink(s);
      return {
        store: (sub, signal) => {
          calls.store++;
          if (!hold) return inner.store(sub, signal);
          return new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
        },
        publish: (sub) => {
          calls.publish++;
          return inner.publish(sub);
        },
      };
    };
  }


  it("a stop during the job keeps it queued; a crash after the commit publishes without running it again", async () => {
    const data = datasetJsonl(5).split("\n").slice(0, 40).join("\n") + "\n";
    // 1. The sink is slow; the service stops while the job is storing: the job goes back to the queue.
    const calls1 = { store: 0, publish: 0 };
    const svc1 = await startService(workers, {}, { sink: countingSink(calls1, true) });
    const who: SignedIn = await signIn(svc1.url);
    const { job } = (await (await upload(svc1.url, who, [{ name: "a.jsonl", data }])).json()) as { job: { id: string } };
    for (let i = 0; i < 200 && calls1.store === 0; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(calls1.store, 1);
    await svc1.close(true);
    const dataDir = svc1.config.dataDir;
    assert.deepEqual(stateLog(dataDir), []);

    // 2. As if the oracle had died right after recording "committing" but before the state's
    //    commit: the restart sees the log ends before the job's sequence and runs it again.
    await sql(svc1.config, "UPDATE jobs SET state = 'processing', stage = 'committing', sequence = 0, stored = $1, attempts = 1 WHERE id = $2",
      [JSON.stringify({ manifestCid: null, rawCids: [], filteredCid: "x", reportCid: "y", tokens: 1, cumulativeTokens: 1 }), job.id]);
    const calls2 = { store: 0, publish: 0 };
    const svc2 = await startService(workers, {}, { sink: countingSink(calls2) }, svc1.dir);
    const done2 = (await followEvents(svc2.url, who, job.id)).at(-1)!.data;
    assert.equal(done2.state, "accepted", JSON.stringify(done2.error));
    assert.deepEqual(calls2, { store: 1, publish: 1 });
    assert.equal(stateLog(dataDir).length, 1);
    await svc2.close(true);

    // 3. As if the oracle had died right after the state's commit: the log has the job's line,
    //    so the restart only publishes. The pipeline and the sink's store() do not run again.
    await sql(svc1.config, "UPDATE jobs SET state = 'processing', stage = 'committing', finished_at = NULL WHERE id = $1", [job.id]);
    const calls3 = { store: 0, publish: 0 };
    const svc3 = await startService(workers, {}, { sink: countingSink(calls3) }, svc1.dir);
    try {
      const done3 = (await followEvents(svc3.url, who, job.id)).at(-1)!.data;
      assert.equal(done3.state, "accepted");
      assert.deepEqual(calls3, { store: 0, publish: 1 });
      assert.equal(done3.result.tokens.out, done2.result.tokens.out);
      assert.equal(stateLog(dataDir).length, 1);
    } finally {
      await svc3.close();
    }
  });

  it("refuses to start when the dedup state holds a submission no job records", async () => {
    const svc = await startService(workers);
    const who = await signIn(svc.url);
    const { job } = (await (await upload(svc.url, who, [{ name: "a.jsonl", data: datasetJsonl(6).split("\n").slice(0, 30).join("\n") + "\n" }])).json()) as { job: { id: string } };
    assert.equal((await followEvents(svc.url, who, job.id)).at(-1)!.data.state, "accepted");
    await svc.close(true);
    await sql(svc.config, "UPDATE jobs SET sequence = NULL WHERE id = $1", [job.id]);
    try {
      await assert.rejects(createOracleService(svc.config, { workers, logger: false }), /holds submission 0, but no job in the database records it/);
    } finally {
      rmSync(svc.dir, { recursive: true, force: true });
    }
  });
});
