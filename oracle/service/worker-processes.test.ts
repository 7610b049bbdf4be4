// Worker processes: an oracle started with PIPELINE_WORKERS=0 hands every batch of the pipeline
// to `npm run oracle:worker` processes through the database and decides duplicates itself, in
// order. The same uploads give the same decisions, counts, reports and filtered data as one
// process alone; a worker killed with -9 mid-job loses nothing (another answers its batches).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { DEFAULT_SIZES } from "../pipeline/testset/generate.ts";
import {
  datasetJsonl, exited, followEvents, getJson, readSealed, signIn, startMain, startService, startWorker, testEnv, upload,
  type SignedIn, type UploadFile,
} from "./testing.ts";

type Child = Awaited<ReturnType<typeof startWorker>>["child"];

/**
 * A committer (main.ts, no pipeline threads), then `standbys` more oracle processes waiting to
 * take over from it, and `n` worker processes, on one fresh database.
 */
async function distributedOracle(name: string, n: number, extra: Record<string, string> = {}, standbys = 0) {
  const dir = mkdtempSync(join(tmpdir(), `1tt-${name}-`));
  const env = testEnv(dir, { ORACLE_PORT: "0", PIPELINE_WORKERS: "0", ORACLE_LOG_LEVEL: "info", ...extra });
  const committer = await startMain(env);
  const waiting = [];
  for (let i = 0; i < standbys; i++) waiting.push(await startMain(env));
  const workers = await Promise.all(Array.from({ length: n }, () => startWorker(env)));
  const children: Child[] = [committer.child, ...waiting.map((s) => s.child), ...workers.map((w) => w.child)];
  return {
    url: committer.url,
    env,
    committer,
    standbys: waiting,
    workers,
    close: async () => {
      for (const c of children) c.kill("SIGKILL");
      await Promise.all(children.map(exited));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a contributor can see of an accepted job: its counts, the full report and the filtered data. */
async function outcome(url: string, who: SignedIn, files: UploadFile[]) {
  const res = await upload(url, who, files);
  assert.equal(res.status, 202, await res.clone().text());
  const { job } = (await res.json()) as { job: { id: string } };
  const done = (await followEvents(url, who, job.id)).at(-1)!.data;
  assert.equal(done.state, "accepted", JSON.stringify(done.error));
  const { result } = done;
  const key = who.readerKey!.privateKey;
  return {
    sequence: result.sequence,
    documents: result.documents,
    tokens: result.tokens,
    report: JSON.parse(await readSealed(url, result.privateKeysCid, result.reportCid, key)),
    filtered: await readSealed(url, result.keysCid, result.filteredCid, key),
  };
}

// Several contributors, duplicates within and across uploads, and an upload of many batches.
const first = datasetJsonl(1);
const second = datasetJsonl(2) + first.split("\n").slice(0, 30).join("\n") + "\n";
const large = datasetJsonl(3, DEFAULT_SIZES) + datasetJsonl(4, DEFAULT_SIZES) + datasetJsonl(5, DEFAULT_SIZES);
const uploads = [
  { who: 0, files: [{ name: "a.jsonl", data: first }] },
  { who: 1, files: [{ name: "b.jsonl", data: second }] },
  { who: 2, files: [{ name: "large.jsonl", data: large }, { name: "again.jsonl", data: first }] },
  { who: 0, files: [{ name: "c.jsonl", data: datasetJsonl(6) + large.split("\n").filter(Boolean).reverse().slice(0, 400).join("\n") + "\n" }] },
];

async function runAll(url: string) {
  const people = [await signIn(url), await signIn(url), await signIn(url)];
  const out = [];
  for (const u of uploads) out.push(await outcome(url, people[u.who], u.files));
  return out;
}

describe("worker processes and the ordered commit", () => {
  let threads: PipelineWorkers;
  let reference: Awaited<ReturnType<typeof runAll>>;
  before(async () => {
    threads = await PipelineWorkers.start({}, 1);
    const alone = await startService(threads);
    try {
      reference = await runAll(alone.url);
    } finally {
      await alone.close();
    }
  });
  after(async () => threads?.close());

  it("give the same decisions, counts, reports and filtered data as one process alone", { timeout: 240_000 }, async () => {
    const oracle = await distributedOracle("workers-differential", 2);
    try {
      const distributed = await runAll(oracle.url);
      assert.deepEqual(distributed.map((d) => d.sequence), [0, 1, 2, 3]);
      assert.ok(reference[3].report.duplicates.exact.across.documents > 0, "the last upload repeats accepted text");
      for (const [i, d] of distributed.entries()) {
        assert.deepEqual({ ...d, filtered: undefined }, { ...reference[i], filtered: undefined }, `upload ${i}: counts and report`);
        assert.ok(d.filtered === reference[i].filtered, `upload ${i}: the same filtered data`);
      }
      assert.equal((await getJson(oracle.url, null, "/stats")).body.submissions, 4);
    } finally {
      await oracle.close();
    }
  });

  it("lose nothing when a worker is killed with -9 mid-job: another answers its batches, the job is counted once", { timeout: 240_000 }, async () => {
    const oracle = await distributedOracle("workers-kill", 2, { ORACLE_BATCH_TIMEOUT_SECONDS: "2", ORACLE_LOG_LEVEL: "debug" });
    try {
      const [victim, survivor] = oracle.workers;
      const who = await signIn(oracle.url);
      const res = await upload(oracle.url, who, uploads[2].files);
      assert.equal(res.status, 202);
      const { job } = (await res.json()) as { job: { id: string } };
      for (let i = 0; !victim.output().includes("batch taken"); i++) {
        assert.ok(i < 1200, `the worker never took a batch:\n${victim.output()}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      victim.child.kill("SIGKILL");
      const done = (await followEvents(oracle.url, who, job.id)).at(-1)!.data;
      assert.equal(done.state, "accepted", JSON.stringify(done.error));
      assert.equal(done.attempts, 1, "the job itself never restarted");
      const taken = (survivor.output().match(/batch taken/g) ?? []).length;
      assert.ok(taken > 0, "the surviving worker processed batches");
      // Counted exactly as one process alone counts the same upload as the first submission.
      const alone = await startService(threads);
      try {
        const expected = await outcome(alone.url, await signIn(alone.url), uploads[2].files);
        const got = await getJson(oracle.url, who, `/jobs/${job.id}`);
        assert.equal(got.body.result.sequence, 0);
        assert.equal(got.body.result.documents, expected.documents);
        assert.deepEqual(got.body.result.tokens, expected.tokens);
      } finally {
        await alone.close();
      }
      assert.equal((await getJson(oracle.url, null, "/stats")).body.submissions, 1);
    } finally {
      await oracle.close();
    }
  });

  it("commit exactly once when the committer is killed with -9 mid-job: the waiting oracle takes over with the same workers", { timeout: 240_000 }, async () => {
    const oracle = await distributedOracle("workers-committer-kill", 1, {}, 1);
    try {
      const [standby] = oracle.standbys;
      const who = await signIn(standby.url);
      const res = await upload(standby.url, who, uploads[2].files);
      assert.equal(res.status, 202);
      const { job } = (await res.json()) as { job: { id: string } };
      let killed = false;
      const events = await followEvents(standby.url, who, job.id, (e) => {
        if (!killed && e.event === "progress" && e.data.bytesRead > 0) {
          killed = true;
          oracle.committer.child.kill("SIGKILL");
        }
      });
      assert.ok(killed, "the committer reported progress before it was killed");
      const done = events.at(-1)!.data;
      assert.equal(done.state, "accepted", JSON.stringify(done.error));
      assert.equal(done.attempts, 2, "run again by the committer that took over");
      assert.equal(done.result.sequence, 0);
      // The commit ledger holds the submission once, with the upload's bytes.
      const ledger = readFileSync(join(oracle.env.ORACLE_DATA_DIR, "state", "log.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
      assert.equal(ledger.length, 1);
      assert.deepEqual(ledger[0].inputs.map((i: { sha256: string }) => i.sha256), done.files.map((f: { sha256: string }) => f.sha256));
      assert.equal(ledger[0].tokens, done.result.tokens.out);
      assert.equal((await getJson(standby.url, null, "/stats")).body.submissions, 1);
    } finally {
      await oracle.close();
    }
  });

  it("take only the batches of their own pipeline: a worker configured otherwise serves another queue and answers none", { timeout: 240_000 }, async () => {
    const oracle = await distributedOracle("workers-other-pipeline", 0, { ORACLE_LOG_LEVEL: "debug" });
    try {
      const config = join(oracle.env.ORACLE_DATA_DIR, "other-pipeline.json");
      writeFileSync(config, JSON.stringify({ tokenizer: { encoding: "cl100k_base" } }));
      const stranger = await startWorker({ ...oracle.env, PIPELINE_CONFIG: config });
      const own = await startWorker(oracle.env);
      try {
        const queueOf = (output: string) => /"queue":"([^"]+)"/.exec(output)![1];
        assert.notEqual(queueOf(stranger.output()), queueOf(own.output()));
        const who = await signIn(oracle.url);
        const res = await upload(oracle.url, who, uploads[0].files);
        const { job } = (await res.json()) as { job: { id: string } };
        const done = (await followEvents(oracle.url, who, job.id)).at(-1)!.data;
        assert.equal(done.state, "accepted", JSON.stringify(done.error));
        assert.equal(done.result.tokens.out, reference[0].tokens.out, "counted with the oracle's own pipeline");
        assert.match(own.output(), /batch taken/);
        assert.doesNotMatch(stranger.output(), /batch taken/);
      } finally {
        for (const w of [stranger, own]) w.child.kill("SIGKILL");
        await Promise.all([exited(stranger.child), exited(own.child)]);
      }
    } finally {
      await oracle.close();
    }
  });

  it("refuse to start on a bad setting, saying which and what is expected", async () => {
    const dir = mkdtempSync(join(tmpdir(), "1tt-worker-bad-"));
    try {
      const worker = startWorker({ ...testEnv(dir), WORKER_THREADS: "none" });
      await assert.rejects(worker, /exited with 2[\s\S]*WORKER_THREADS="none": expected a whole number from 1 to 64/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
