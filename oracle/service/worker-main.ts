// `npm run oracle:worker`: a worker process. It processes the batches of the oracle that runs
// with PIPELINE_WORKERS=0 (normalize, filter, fingerprint, count), taking them from the
// oracle's database: start as many as the data needs, on any machine that reaches that database
// (DATABASE_URL; on the oracle's own machine the embedded one in ORACLE_DATA_DIR is found by
// itself). It must count with the oracle's PIPELINE_CONFIG: a worker with another configuration
// serves another pipeline's queue, and never takes this one's batches.
// SIGINT/SIGTERM: it answers the batches in hand, then stops; killed, its batches go to another.
import { join } from "node:path";
import { pino } from "pino";
import { ConfigError, loadConfigFile } from "../pipeline/config.ts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { VARIABLES } from "./config.ts";
import { configOrExit, exitWith } from "./entry.ts";
import { Database, DatabaseError } from "./database/database.ts";
import { EmbeddedPostgresError } from "./database/embedded.ts";
import { BatchWorker } from "./workers/batch-worker.ts";

const USED = ["ORACLE_DATA_DIR", "DATABASE_URL", "PIPELINE_CONFIG", "WORKER_THREADS", "ORACLE_BATCH_TIMEOUT_SECONDS", "ORACLE_LOG_LEVEL"];

const fail = exitWith("1tt oracle worker");
const config = configOrExit("npm run oracle:worker — a worker process of the 1TT oracle", VARIABLES.filter(([n]) => USED.includes(n)), fail);
const log = pino({ level: config.logLevel });

let threads: PipelineWorkers;
let db: Database;
let worker: BatchWorker;
try {
  threads = await PipelineWorkers.start(config.pipelineConfigPath ? loadConfigFile(config.pipelineConfigPath) : {}, config.workerThreads);
  db = await Database.open({ url: config.databaseUrl, embeddedDir: join(config.dataDir, "postgres"), maxConnections: 2 + config.workerThreads, guest: true });
  worker = await BatchWorker.start(db, threads, log, config.batchTimeoutSeconds);
} catch (e) {
  if (e instanceof ConfigError || e instanceof DatabaseError || e instanceof EmbeddedPostgresError) fail(`cannot start: ${e.message}`, 1);
  throw e;
}
log.info({ pipelineId: threads.pipeline.id.id, queue: worker.queue, threads: threads.size, database: db.location }, "oracle worker ready");

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal, answered: worker.answered }, "shutting down");
  try {
    await worker.stop();
    await threads.close();
    await db.close();
    process.exit(0);
  } catch (e) {
    log.error({ err: e }, "shutdown failed");
    process.exit(1);
  }
};
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
