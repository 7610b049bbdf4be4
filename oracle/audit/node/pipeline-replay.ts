// The replay's pipeline in Node: the project's own runner (worker threads) with one dedup index
// carried from submission to submission, exactly as the oracle ran them. Node only.
import type { PipelineConfig } from "../../pipeline/config.ts";
import { DedupIndex } from "../../pipeline/dedup/index.ts";
import { filteredOutput } from "../../pipeline/run/filtered-output.ts";
import { runPipeline } from "../../pipeline/run/run.ts";
import { PipelineWorkers } from "../../pipeline/run/workers.ts";
import type { ReplayOutput, ReplayPipeline } from "../check-replay.ts";

export interface StartReplayPipelineOptions {
  /** Worker threads to start (default 1), or workers already started (then left running on close). */
  workers?: number | PipelineWorkers;
}

/** Starts the pipeline of `config` (its id is what manifests must name to be replayed with it). */
export async function startReplayPipeline(config: PipelineConfig, options: StartReplayPipelineOptions = {}): Promise<ReplayPipeline> {
  const owned = !(options.workers instanceof PipelineWorkers);
  const pool = options.workers instanceof PipelineWorkers ? options.workers : await PipelineWorkers.start(config, options.workers ?? 1);
  const dedup = pool.pipeline.dedup;
  const index = dedup ? new DedupIndex(dedup) : null;
  return {
    id: pool.pipeline.id.id,
    async run({ sequence, inputs }): Promise<ReplayOutput> {
      const filtered = filteredOutput();
      const result = await runPipeline({ config, inputs, output: filtered.output, sequence, index, workers: pool });
      return { report: result.report, ...(await filtered.end()) };
    },
    close: () => (owned ? pool.close() : Promise.resolve()),
  };
}
