// Oracle benchmark: concurrent uploads from signed-in contributors against a local chain, end to
// end (upload, pipeline, encryption, manifest, committee signature, posting, receipt), against the
// pipeline alone on the same files with the same workers, measured in the same run.
//
//   npm run bench:oracle                        (20 uploads of 10 MB; builds a corpus on first use)
//   UPLOADS=8 UPLOAD_MB=5 npm run bench:oracle
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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
import { followEvents, signIn, startService, upload } from "../../oracle/service/testing.ts";
import { buildCorpus } from "../../oracle/pipeline/testset/bench-corpus.ts";

const UPLOADS = Number(process.env.UPLOADS ?? 20);
const UPLOAD_MB = Number(process.env.UPLOAD_MB ?? 10);
const WORKERS = Number(process.env.WORKERS ?? 2);
const MB = 1024 * 1024;
const CORPUS_MB = Math.ceil((UPLOADS * UPLOAD_MB) / 10) * 10 + 10;
const CORPUS = `.bench/corpus-${CORPUS_MB}mb.jsonl`;

/** Cuts the corpus into `UPLOADS` JSONL files of about UPLOAD_MB each, at line boundaries. */
function slices(): Buffer[] {
  const lines = readFileSync(CORPUS, "utf8").split("\n").filter((l) => l.length > 0);
  const out: Buffer[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    current.push(line);
    size += line.length + 1;
    if (size >= UPLOAD_MB * MB) {
      out.push(Buffer.from(current.join("\n") + "\n"));
      current = [];
      size = 0;
      if (out.length === UPLOADS) break;
    }
  }
  if (out.length < UPLOADS) throw new Error(`the corpus holds only ${out.length} slices of ${UPLOAD_MB} MB`);
  return out;
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

if (!existsSync(CORPUS)) {
  console.error(`building a ${CORPUS_MB} MB corpus at ${CORPUS} …`);
  await buildCorpus(CORPUS, { targetBytes: CORPUS_MB * MB, exactDuplicateRate: 0.04, nearDuplicateRate: 0.04, seed: 1 });
}
const files = slices();
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
    const started = performance.now();
    const res = await upload(svc.url, sessions[i], [{ name: `part-${i}.jsonl`, data: f }]);
    if (res.status !== 202) throw new Error(`upload ${i}: ${res.status} ${await res.text()}`);
    const { job } = (await res.json()) as { job: { id: string } };
    const done = (await followEvents(svc.url, sessions[i], job.id)).at(-1)!;
    if (done.data.state !== "accepted") throw new Error(`job ${i}: ${JSON.stringify(done.data.error)}`);
    if (done.data.result.attestation?.posted?.status !== "confirmed") throw new Error(`job ${i}: attestation not confirmed`);
    return (performance.now() - started) / 1000;
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
