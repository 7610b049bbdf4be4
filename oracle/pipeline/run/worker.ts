// A pipeline worker thread: builds the per-document blocks once, reports what it built (or why
// it could not), then processes batches.
import { parentPort, workerData } from "node:worker_threads";
import type { PipelineConfig } from "../config.ts";
import { DocumentProcessor } from "../process.ts";

const port = parentPort;
if (!port) throw new Error("run/worker.ts runs only as a worker thread");
let processor: DocumentProcessor;
try {
  processor = await DocumentProcessor.create((workerData as { config: PipelineConfig }).config);
  port.postMessage({ ready: { ok: true, pipeline: processor.pipeline } });
} catch (e) {
  port.postMessage({ ready: { ok: false, name: (e as Error).name, message: (e as Error).message } });
}
port.on("message", ({ id, input }: { id: number; input: string[] }) => {
  try {
    const value = processor.processBatch(input);
    port.postMessage({ id, ok: true, value }, [value.fingerprints.buffer as ArrayBuffer]);
  } catch (e) {
    port.postMessage({ id, ok: false, error: (e as Error).stack ?? String(e) });
  }
});
