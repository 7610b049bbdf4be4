// A fixed set of worker threads that process batches and hand results back in submission order,
// so the output never depends on which worker finished first. Each worker first posts one
// "ready" message (what it built, or why it could not), which ready() collects.
import { Worker } from "node:worker_threads";

interface Pending<Out> {
  resolve: (value: Out) => void;
  reject: (error: Error) => void;
}

export class OrderedPool<In, Out> {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { id: number; input: In; transfer: ArrayBuffer[] }[] = [];
  private readonly pending = new Map<number, Pending<Out>>();
  private readonly running = new Map<Worker, number>();
  private nextId = 0;
  private failure: Error | null = null;
  private readonly readiness: Promise<unknown>[] = [];

  constructor(script: URL, size: number, workerData: unknown) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`workers must be a whole number >= 1 (got ${size})`);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData });
      this.readiness.push(
        new Promise((resolve, reject) => {
          worker.once("message", (msg: { ready: unknown }) => {
            resolve(msg.ready);
            worker.on("message", (m: { id: number; ok: boolean; value?: Out; error?: string }) => this.settle(worker, m));
          });
          worker.once("error", reject);
          worker.once("exit", (code) => reject(new Error(`a pipeline worker exited with code ${code} before it was ready`)));
        }),
      );
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (code !== 0 && !this.failure) this.fail(new Error(`a pipeline worker exited with code ${code}`));
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** What each worker posted once it was ready, in worker order. */
  ready(): Promise<unknown[]> {
    return Promise.all(this.readiness);
  }

  /** Queues a batch; the promise settles with the worker's result for exactly this batch. */
  run(input: In, transfer: ArrayBuffer[] = []): Promise<Out> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const promise = new Promise<Out>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.queue.push({ id, input, transfer });
    this.dispatch();
    return promise;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.running.set(worker, job.id);
      worker.postMessage({ id: job.id, input: job.input }, job.transfer);
    }
  }

  private settle(worker: Worker, msg: { id: number; ok: boolean; value?: Out; error?: string }): void {
    this.running.delete(worker);
    this.idle.push(worker);
    const pending = this.pending.get(msg.id);
    this.pending.delete(msg.id);
    if (pending) {
      if (msg.ok) pending.resolve(msg.value as Out);
      else pending.reject(new Error(msg.error ?? "a pipeline worker failed"));
    }
    this.dispatch();
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
