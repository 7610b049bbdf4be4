// Where the oracle's batches are processed: on its own pipeline threads (PIPELINE_WORKERS ≥ 1,
// the default, so `npm run oracle` works alone), or by worker processes (PIPELINE_WORKERS=0,
// `npm run oracle:worker` on any machine that reaches the database). Either way the same run
// decides duplicates from the results in document order, so the counts are the same.
import type { FastifyBaseLogger } from "fastify";
import type { PipelineConfig } from "../../pipeline/config.ts";
import type { BatchProcessor } from "../../pipeline/run/run.ts";
import { PipelineWorkers } from "../../pipeline/run/workers.ts";
import type { OracleConfig } from "../config.ts";
import type { Database } from "../database/database.ts";
import { RemoteWorkers } from "./remote-workers.ts";

/**
 * Batches the committer keeps in worker processes' hands at once (the run queues twice as many):
 * room for 8 busy workers with one batch each waiting.
 */
const BATCHES_AT_ONCE = 8;

export type ClosableProcessor = BatchProcessor & { close(): Promise<void> };

export async function startBatchProcessor(db: Database, pipelineConfig: PipelineConfig, config: Pick<OracleConfig, "pipelineWorkers" | "batchTimeoutSeconds">, log: FastifyBaseLogger): Promise<ClosableProcessor> {
  if (config.pipelineWorkers > 0) return PipelineWorkers.start(pipelineConfig, config.pipelineWorkers);
  // One thread resolves the pipeline (its id, its dedup config) as the workers will, then stops:
  // this process never processes a batch itself.
  const probe = await PipelineWorkers.start(pipelineConfig, 1);
  const pipeline = probe.pipeline;
  await probe.close();
  return RemoteWorkers.start(db, pipeline, { size: BATCHES_AT_ONCE, timeoutSeconds: config.batchTimeoutSeconds, log });
}
