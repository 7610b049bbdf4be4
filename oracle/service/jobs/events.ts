// Per-job progress fan-out: the queue publishes, Server-Sent Event streams subscribe.
import { EventEmitter } from "node:events";
import type { JobProgress } from "./job-store.ts";

export type JobEvent =
  | { type: "progress"; data: JobProgress }
  | { type: "stage"; data: { state: string; stage: string } }
  /** The job ended (accepted or failed); `data` is the job as GET /jobs/:id returns it. */
  | { type: "done"; data: unknown };

export class JobEvents {
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  publish(jobId: string, event: JobEvent): void {
    this.#emitter.emit(jobId, event);
  }

  subscribe(jobId: string, listener: (event: JobEvent) => void): () => void {
    this.#emitter.on(jobId, listener);
    return () => this.#emitter.off(jobId, listener);
  }
}
