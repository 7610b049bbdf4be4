// Oracle benchmark: concurrent uploads from signed-in contributors against a local chain, end to
// end (upload, pipeline, encryption, manifest, committee signature, posting, receipt), against the
// pipeline alone on the same files with the same workers, measured in the same run.
//
//   npm run bench:oracle                        (20 uploads of 10 MB; builds a corpus on first use)
//   UPLOADS=8 UPLOAD_MB=5 npm run bench:oracle
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createWalletClient, custom } from "viem";
import { hardhat } from "viem/chains";
import { AttemptLog, Relayer } from "../../oracle/attest/index.ts";
import { startTestChain, testAccounts } from "../../oracle/attest/testing/chain.ts";
import { DedupIndex } from "../../oracle/pipeline/dedup/index.ts";
import { runPipeline } from "../../oracle/pipeline/run/run.ts";
import { PipelineWorkers } from "../../oracle/pipeline/run/workers.ts";
import { ProgramSink } from "../../oracle/service/program-sink.ts";
import { signIn, startService } from "../../oracle/service/testing.ts";
import { percentile, uploadSlices, uploadToReceipt } from "./upload-slices.ts";

const UPLOADS = Number(process.env.UPLOADS ?? 20);
const UPLOAD_MB = Number(process.env.UPLOAD_MB ?? 10);
const WORKERS = Number(process.env.WORKERS ?? 2);
const MB = 1024 * 1024;

const files = await uploadSlices(UPLOADS, UPLOAD_MB);
const bytes = files.reduce((n, f) => n + f.length, 0);
const workers = await PipelineWorkers.start({}, WORKERS);

// Reference: the pipeline alone, the same files in the same order, one submission each.
const index = new DedupIndex();
let t0 = performance.now();
for (const [i, f] of files.entries()) {
  async function* once() {
    yield f;
  }
  await runPipeline({ config: {}, inputs: [{ source: once(), name: `part-${i}.jsonl` }], output: new Writable({ write: (_c, _e, cb) => cb() }), sequence: i, index, workers });
}
const pipelineSeconds = (performance.now() - t0) / 1000;

// The oracle: a program on a local chain, 20 contributors signed in, all uploads at once.
const chain = await startTestChain();
const [signer, relayerKey, ...contributors] = testAccounts(2 + UPLOADS, 9090);
const splitter = await chain.deployProgram([signer.address], 1);
await chain.fund(relayerKey.address);
const logDir = mkdtempSync(join(tmpdir(), "1tt-bench-relayer-"));
const relayer = await Relayer.create({
  client: createWalletClient({ chain: hardhat, transport: custom(chain.provider), account: relayerKey }),
  splitter,
  log: AttemptLog.open(join(logDir, "relayer.db")),
  pollingIntervalMs: 50,
});
const svc = await startService(workers, { SPLITTER_ADDRESS: splitter, RATE_LIMIT_UPLOADS_PER_HOUR: "1000" }, {
  sink: (store) =>
    new ProgramSink({ store, chainId: hardhat.id, splitter, client: chain.publicClient, signers: [signer], relayer, consumers: [], auditors: [], attestationTtlSeconds: 3600 }),
});
const sessions = await Promise.all(contributors.map((c) => signIn(svc.url, c)));
const rssBefore = process.resourceUsage().maxRSS;
t0 = performance.now();
const latencies = await Promise.all(
  files.map(async (f, i) => {
    const { seconds, job } = await uploadToReceipt(svc.url, sessions[i], `part-${i}.jsonl`, f);
    if (job.result.attestation?.posted?.status !== "confirmed") throw new Error(`job ${i}: attestation not confirmed`);
    return seconds;
  }),
);
const oracleSeconds = (performance.now() - t0) / 1000;
const peakRss = process.resourceUsage().maxRSS / 1024;
await svc.close();
await workers.close();
await chain.close();
rmSync(logDir, { recursive: true, force: true });

const mbps = (s: number) => bytes / MB / s;
console.log(`\n${UPLOADS} uploads of ${UPLOAD_MB} MB (${(bytes / MB).toFixed(1)} MiB in all) from ${UPLOADS} signed-in contributors, ${WORKERS} pipeline workers, Hardhat in-process chain.\n`);
console.log("| measurement | seconds | MB/s | uploads/s | p50 upload→receipt | p95 upload→receipt |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
console.log(`| pipeline alone, same files | ${pipelineSeconds.toFixed(1)} | ${mbps(pipelineSeconds).toFixed(2)} | ${(UPLOADS / pipelineSeconds).toFixed(2)} | – | – |`);
console.log(`| oracle end to end | ${oracleSeconds.toFixed(1)} | ${mbps(oracleSeconds).toFixed(2)} | ${(UPLOADS / oracleSeconds).toFixed(2)} | ${percentile(latencies, 50).toFixed(1)} s | ${percentile(latencies, 95).toFixed(1)} s |`);
console.log(`\noracle / pipeline alone: ${(pipelineSeconds / oracleSeconds).toFixed(2)}× (target ≥ 0.70)`);
console.log(`peak RSS of the whole process (service, ${WORKERS} workers, chain): ${peakRss.toFixed(0)} MB (${(rssBefore / 1024).toFixed(0)} MB before the uploads)`);
