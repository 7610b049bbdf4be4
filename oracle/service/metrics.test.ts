// GET /metrics as Prometheus scrapes it, from the oracle started as `npm run oracle` starts it on a
// real chain: an upload moves the jobs by state, the stage durations, the relayer's attempts and
// the content store's latencies; ORACLE_METRICS=false takes the endpoint away.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { ChildProcess } from "node:child_process";
import type { Address } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { startTestChain, testAccounts, type TestChain } from "../attest/testing/chain.ts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { ConfigErrors, loadConfig } from "./config.ts";
import { parseExposition, sampleSum, type Exposition } from "./prometheus-text.ts";
import { datasetJsonl, exited, followEvents, signIn, startMain, startService, testEnv, upload } from "./testing.ts";

async function scrape(url: string): Promise<Exposition> {
  const res = await fetch(`${url}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
  return parseExposition(await res.text());
}

describe("the oracle's metrics", () => {
  let chain: TestChain;
  let splitter: Address;
  let oracle: { child: ChildProcess; url: string };
  let dir = "";
  const signerKey = generatePrivateKey();
  const signer = privateKeyToAccount(signerKey);
  const [first, second] = testAccounts(2, 7117);

  before(async () => {
    chain = await startTestChain();
    splitter = await chain.deployProgram([signer.address], 1);
    await chain.fund(signer.address);
    dir = mkdtempSync(join(tmpdir(), "1tt-metrics-"));
    oracle = await startMain(testEnv(dir, { ORACLE_PORT: "0", ORACLE_LOG_LEVEL: "info", RPC_URL: chain.front.url, SPLITTER_ADDRESS: splitter, ORACLE_SIGNER_PRIVATE_KEY: signerKey }));
  });
  after(async () => {
    if (oracle) {
      oracle.child.kill("SIGTERM");
      await exited(oracle.child);
    }
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("counts an upload through every stage to an attestation confirmed on chain, and a refused one as failed", async () => {
    const before = await scrape(oracle.url);
    assert.equal(before.types.get("oracle_jobs"), "gauge");
    assert.equal(before.types.get("oracle_job_stage_duration_seconds"), "histogram");
    assert.equal(before.types.get("oracle_relayer_attempts_total"), "counter");
    assert.equal(before.types.get("oracle_content_store_request_duration_seconds"), "histogram");
    assert.equal(sampleSum(before, "oracle_jobs", { state: "accepted" }), 0);
    // The process defaults every Node service exports.
    assert.ok(sampleSum(before, "process_cpu_seconds_total") > 0);
    assert.ok(sampleSum(before, "nodejs_heap_size_used_bytes") > 0);

    const data = datasetJsonl(5);
    const alice = await signIn(oracle.url, first);
    const res = await upload(oracle.url, alice, [{ name: "essays.jsonl", data }]);
    assert.equal(res.status, 202);
    const { job } = (await res.json()) as { job: { id: string } };
    const done = (await followEvents(oracle.url, alice, job.id)).at(-1)!.data;
    assert.equal(done.state, "accepted", JSON.stringify(done.error));

    // The same documents from someone else are all duplicates: nothing is accepted, the job fails.
    const bob = await signIn(oracle.url, second);
    const copy = await upload(oracle.url, bob, [{ name: "copy.jsonl", data }]);
    const refused = (await followEvents(oracle.url, bob, ((await copy.json()) as { job: { id: string } }).job.id)).at(-1)!.data;
    assert.equal(refused.state, "failed");

    const after = await scrape(oracle.url);
    assert.equal(sampleSum(after, "oracle_jobs", { state: "accepted" }), 1);
    assert.equal(sampleSum(after, "oracle_jobs", { state: "failed" }), 1);
    assert.equal(sampleSum(after, "oracle_jobs", { state: "queued" }), 0);
    for (const stage of ["reading", "finishing", "storing", "committing", "publishing"]) {
      const count = sampleSum(after, "oracle_job_stage_duration_seconds_count", { stage });
      assert.equal(count, stage === "reading" || stage === "finishing" ? 2 : 1, `jobs timed in ${stage}`);
      const slowest = sampleSum(after, "oracle_job_stage_duration_seconds_bucket", { stage, le: "+Inf" });
      assert.equal(slowest, count, `every ${stage} observation falls in the +Inf bucket`);
    }
    assert.ok(sampleSum(after, "oracle_job_stage_duration_seconds_sum", { stage: "reading" }) > 0);
    assert.equal(sampleSum(after, "oracle_relayer_attempts_total", { outcome: "sent" }), 1);
    assert.equal(sampleSum(after, "oracle_relayer_attempts_total", { outcome: "confirmed" }), 1);
    assert.equal(sampleSum(after, "oracle_relayer_attempts_total", { outcome: "reverted" }), 0);
    // The submission's raw data, filtered data, report and manifest went into the content store.
    assert.ok(sampleSum(after, "oracle_content_store_request_duration_seconds_count", { operation: "add", result: "ok" }) >= 4);
    assert.equal(sampleSum(after, "oracle_content_store_request_duration_seconds_count", { result: "error" }), 0);
    // Requests by the route that answered them, not by their URL.
    assert.equal(sampleSum(after, "oracle_http_request_duration_seconds_count", { method: "POST", route: "/uploads", status_code: "202" }), 2);
    assert.ok(sampleSum(after, "oracle_http_request_duration_seconds_count", { route: "/jobs/:id/events" }) >= 2);
  });
});

describe("ORACLE_METRICS", () => {
  it("false: the oracle serves no /metrics", async () => {
    const workers = await PipelineWorkers.start({}, 1);
    const svc = await startService(workers, { ORACLE_METRICS: "false" });
    try {
      assert.equal((await fetch(`${svc.url}/metrics`)).status, 404);
      assert.equal((await fetch(`${svc.url}/health`)).status, 200);
    } finally {
      await svc.close();
      await workers.close();
    }
  });

  it("anything but true or false stops the start, naming the variable", () => {
    assert.throws(() => loadConfig({ ORACLE_METRICS: "yes please" }), (e: unknown) => e instanceof ConfigErrors && /ORACLE_METRICS="yes please": expected true .* or false/.test(e.message));
  });
});
