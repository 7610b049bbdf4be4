// The pipeline's worker threads, started once: each builds the per-document blocks from the
// config; the first to be ready tells this thread the resolved pipeline (its id, dedup config),
// so this thread never loads tokenizer ranks or language models itself.
import { ConfigError } from "../config-merge.ts";
import type { PipelineConfig } from "../config.ts";
import type { BatchResult, ResolvedPipeline } from "../process.ts";
import { OrderedPool } from "./pool.ts";

type Ready = { ok: true; pipeline: ResolvedPipeline } | { ok: false; name: string; message: string };

export class PipelineWorkers {
  readonly pipeline: ResolvedPipeline;
  readonly size: number;
  private readonly pool: OrderedPool<string[], BatchResult>;

  private constructor(pool: OrderedPool<string[], BatchResult>, pipeline: ResolvedPipeline, size: number) {
    this.pool = pool;
    this.pipeline = pipeline;
    this.size = size;
  }

  /** Starts `size` workers for `config`; a bad config rejects with the ConfigError a worker met. */
  static async start(config: PipelineConfig, size: number): Promise<PipelineWorkers> {
    // Beside this module: the TypeScript source in a checkout, the compiled worker.js in the installed package.
    const worker = new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url);
    const pool = new OrderedPool<string[], BatchResult>(worker, size, { config });
    let ready: Ready[];
    try {
      ready = (await pool.ready()) as Ready[];
    } catch (e) {
      await pool.close();
      throw e;
    }
    const failed = ready.find((r) => !r.ok);
    if (failed && !failed.ok) {
      await pool.close();
      throw failed.name === "ConfigError" ? new ConfigError(failed.message) : new Error(failed.message);
    }
    const first = ready[0] as Extract<Ready, { ok: true }>;
    return new PipelineWorkers(pool, first.pipeline, size);
  }

  run(texts: string[]): Promise<BatchResult> {
    return this.pool.run(texts);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
