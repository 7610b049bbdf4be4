// Worker-process benchmark: the oracle as `npm run oracle` runs it with PIPELINE_WORKERS=0 (the
// committer), with 1 and then 2 `npm run oracle:worker` processes, in one run on the same files.
// All uploads at once from signed-in contributors; upload→receipt is from the first byte sent to
// the job's end (sealed, stored, committed; no chain, so no attestation). Prints p50/p95, the
// throughput of each, the ratio 2 workers / 1 worker and the machine's load average.
//
//   node --disable-warning=ExperimentalWarning scripts/bench/oracle-workers.ts     (8 uploads of 5 MB)
//   UPLOADS=12 UPLOAD_MB=10 node --disable-warning=ExperimentalWarning scripts/bench/oracle-workers.ts
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { exited, signIn, startMain, startWorker, testEnv } from "../../oracle/service/testing.ts";
import { percentile, uploadSlices, uploadToReceipt } from "./upload-slices.ts";

const UPLOADS = Number(process.env.UPLOADS ?? 8);
const UPLOAD_MB = Number(process.env.UPLOAD_MB ?? 5);
const MB = 1024 * 1024;

const files = await uploadSlices(UPLOADS, UPLOAD_MB);
const bytes = files.reduce((n, f) => n + f.length, 0);
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

interface Measured {
  workers: number;
  seconds: number;
  latencies: number[];
  loadBefore: string;
  loadAfter: string;
}

async function measure(workerCount: number): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), "1tt-bench-workers-"));
  const env = testEnv(dir, { ORACLE_PORT: "0", PIPELINE_WORKERS: "0", ORACLE_LOG_LEVEL: "warn", RATE_LIMIT_UPLOADS_PER_HOUR: "10000" });
  const oracle = await startMain(env);
  const workers = await Promise.all(Array.from({ length: workerCount }, () => startWorker({ ...env, ORACLE_LOG_LEVEL: "info" })));
  const children = [oracle.child, ...workers.map((w) => w.child)];
  try {
    const sessions = await Promise.all(files.map(() => signIn(oracle.url)));
    const loadBefore = load();
    const t0 = performance.now();
    const latencies = await Promise.all(
      files.map(async (f, i) => (await uploadToReceipt(oracle.url, sessions[i], `part-${i}.jsonl`, f)).seconds),
    );
    return { workers: workerCount, seconds: (performance.now() - t0) / 1000, latencies, loadBefore, loadAfter: load() };
  } finally {
    for (const c of children) c.kill("SIGKILL");
    await Promise.all(children.map(exited));
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = [await measure(1), await measure(2)];
const mbps = (s: number) => bytes / MB / s;
console.log(`\n${UPLOADS} uploads of ${UPLOAD_MB} MB (${(bytes / MB).toFixed(1)} MiB in all) at once, the oracle with PIPELINE_WORKERS=0 and worker processes of 1 thread, ${availableParallelism()} cores.\n`);
console.log("| worker processes | seconds | MB/s | p50 upload→receipt | p95 upload→receipt | load average before → after |");
console.log("| ---: | ---: | ---: | ---: | ---: | --- |");
for (const r of runs) {
  console.log(`| ${r.workers} | ${r.seconds.toFixed(1)} | ${mbps(r.seconds).toFixed(2)} | ${percentile(r.latencies, 50).toFixed(1)} s | ${percentile(r.latencies, 95).toFixed(1)} s | ${r.loadBefore} → ${r.loadAfter} |`);
}
console.log(`\n2 workers / 1 worker: ${(runs[0].seconds / runs[1].seconds).toFixed(2)}× the throughput (target ≥ 1.7 on 2 cores)`);
