// Worker-process benchmark: the oracle as `npm run oracle` runs it with PIPELINE_WORKERS=0 (the
// committer), with 1 and then 2 `npm run oracle:worker` processes, in one run on the same files.
// All uploads at once from signed-in contributors; upload→receipt is from the first byte sent to
// the job's end (sealed, stored, committed; no chain, so no attestation). Prints p50/p95, the
// throughput of each, the ratio 2 workers / 1 worker and the machine's load average.
//
//   node --disable-warning=ExperimentalWarning scripts/bench/oracle-workers.ts     (8 uploads of 5 MB)
//   UPLOADS=12 UPLOAD_MB=10 node --disable-warning=ExperimentalWarning scripts/bench/oracle-workers.ts
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
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

/**
 * CPU seconds a process has used (Linux /proc; user + system, its threads included): on a shared
 * machine the wall times above depend on the load, these do not, and they show the committer's
 * serial share that bounds what more workers can gain.
 */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

interface Measured {
  workers: number;
  seconds: number;
  latencies: number[];
  loadBefore: string;
  loadAfter: string;
  committerCpu: number;
  workersCpu: number;
}

async function measure(workerCount: number): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), "1tt-bench-workers-"));
  const env = testEnv(dir, { ORACLE_PORT: "0", PIPELINE_WORKERS: "0", ORACLE_LOG_LEVEL: "info", RATE_LIMIT_UPLOADS_PER_HOUR: "10000" });
  const oracle = await startMain(env);
  const workers = await Promise.all(Array.from({ length: workerCount }, () => startWorker(env)));
  const children = [oracle.child, ...workers.map((w) => w.child)];
  try {
    const sessions = await Promise.all(files.map(() => signIn(oracle.url)));
    const loadBefore = load();
    // Only what the uploads cost: not the start (the committer resolves the pipeline on a thread once).
    const cpu = () => ({ committer: cpuSeconds(oracle.child.pid!), workers: workers.reduce((n, w) => n + cpuSeconds(w.child.pid!), 0) });
    const before = cpu();
    const t0 = performance.now();
    const latencies = await Promise.all(
      files.map(async (f, i) => (await uploadToReceipt(oracle.url, sessions[i], `part-${i}.jsonl`, f)).seconds),
    );
    const seconds = (performance.now() - t0) / 1000;
    const used = cpu();
    return { workers: workerCount, seconds, latencies, loadBefore, loadAfter: load(), committerCpu: used.committer - before.committer, workersCpu: used.workers - before.workers };
  } finally {
    for (const c of children) c.kill("SIGKILL");
    await Promise.all(children.map(exited));
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = [await measure(1), await measure(2)];
const mbps = (s: number) => bytes / MB / s;
console.log(`\n${UPLOADS} uploads of ${UPLOAD_MB} MB (${(bytes / MB).toFixed(1)} MiB in all) at once, the oracle with PIPELINE_WORKERS=0 and worker processes of 1 thread, ${availableParallelism()} cores.\n`);
console.log("| worker processes | seconds | MB/s | p50 upload→receipt | p95 upload→receipt | CPU s: committer / workers | load average before → after |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | --- |");
for (const r of runs) {
  console.log(`| ${r.workers} | ${r.seconds.toFixed(1)} | ${mbps(r.seconds).toFixed(2)} | ${percentile(r.latencies, 50).toFixed(1)} s | ${percentile(r.latencies, 95).toFixed(1)} s | ${r.committerCpu.toFixed(1)} / ${r.workersCpu.toFixed(1)} | ${r.loadBefore} → ${r.loadAfter} |`);
}
console.log(`\n2 workers / 1 worker: ${(runs[0].seconds / runs[1].seconds).toFixed(2)}× the throughput (target ≥ 1.7 on 2 cores)`);
// A run takes at least its busiest process's CPU time (the committer's, or the workers' spread
// over the workers), and at least all CPU time spread over the machine's cores (PostgreSQL's own
// CPU not counted): what the ratio would be with nothing else running.
const cores = availableParallelism();
const bound = (r: Measured, n: number) => Math.max(r.committerCpu, r.workersCpu / r.workers, (r.committerCpu + r.workersCpu) / n);
console.log(`CPU-bound ratio, 1 worker vs 2: ${(bound(runs[0], cores) / bound(runs[1], cores)).toFixed(2)}× on ${cores} cores, ${(bound(runs[0], 64) / bound(runs[1], 64)).toFixed(2)}× with a core per process; the committer's share of all CPU: ${((100 * runs[1].committerCpu) / (runs[1].committerCpu + runs[1].workersCpu)).toFixed(0)}%`);
