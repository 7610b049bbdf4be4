// The oracle's Prometheus metrics, served at GET /metrics (ORACLE_METRICS=false turns them off).
// One registry per service, so several services in one process (tests, takeover) never share
// counters. The figures an operator alerts on: jobs waiting or failing, a stage getting slow,
// attestations not being confirmed, the content store slowing down, 5xx answers.
import type { FastifyInstance } from "fastify";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { AttemptStatus } from "../attest/index.ts";
import type { JobStage, JobState } from "../protocol/oracle-api.ts";
import type { ContentStore } from "../store/index.ts";

/** Seconds, from a fast store call to a multi-gigabyte upload's pipeline run. */
const STAGE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];
const STORE_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60];

export class OracleMetrics {
  readonly registry = new Registry();
  readonly #stageSeconds = new Histogram({
    name: "oracle_job_stage_duration_seconds",
    help: "Time a job spent in each stage of its processing (reading, finishing, storing, committing, publishing).",
    labelNames: ["stage"] as const,
    buckets: STAGE_BUCKETS,
    registers: [this.registry],
  });
  readonly #relayerAttempts = new Counter({
    name: "oracle_relayer_attempts_total",
    help: "Attestation transactions by outcome: sent (signed and broadcast, replacements included), confirmed, reverted, dropped, skipped (the contributor's nonce was already there).",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });
  readonly #storeSeconds = new Histogram({
    name: "oracle_content_store_request_duration_seconds",
    help: "Content store calls by operation and result (a read is timed to its last byte).",
    labelNames: ["operation", "result"] as const,
    buckets: STORE_BUCKETS,
    registers: [this.registry],
  });
  readonly #httpSeconds = new Histogram({
    name: "oracle_http_request_duration_seconds",
    help: "HTTP requests answered, by route (as declared, not the raw URL), method and status code.",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Jobs by state, read from the database at every scrape (true for every API process). */
  jobsFrom(countByState: () => Promise<Record<JobState, number>>): void {
    new Gauge({
      name: "oracle_jobs",
      help: "Jobs in the database by state: queued, processing, accepted, failed.",
      labelNames: ["state"] as const,
      registers: [this.registry],
      async collect() {
        for (const [state, n] of Object.entries(await countByState())) this.set({ state }, Number(n));
      },
    });
  }

  stageDone(stage: JobStage, seconds: number): void {
    this.#stageSeconds.observe({ stage }, seconds);
  }

  relayerAttempt = (status: AttemptStatus): void => {
    this.#relayerAttempts.inc({ outcome: status });
  };

  /** The store, with every call timed. */
  measureStore(store: ContentStore): ContentStore {
    const seconds = this.#storeSeconds;
    const timed = async <T>(operation: string, call: () => Promise<T>): Promise<T> => {
      const end = seconds.startTimer({ operation });
      try {
        const value = await call();
        end({ result: "ok" });
        return value;
      } catch (e) {
        end({ result: "error" });
        throw e;
      }
    };
    async function* timedStream(operation: string, stream: () => AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
      const end = seconds.startTimer({ operation });
      let result = "error";
      try {
        yield* stream();
        result = "ok";
      } finally {
        end({ result });
      }
    }
    return {
      kind: store.kind,
      location: store.location,
      ...(store.ping ? { ping: () => timed("ping", () => store.ping!()) } : {}),
      add: (source, options) => timed("add", () => store.add(source, options)),
      get: (cid, options) => timedStream("get", () => store.get(cid, options)),
      has: (cid) => timed("has", () => store.has(cid)),
      pin: (cid) => timed("pin", () => store.pin(cid)),
      unpin: (cid) => timed("unpin", () => store.unpin(cid)),
      isPinned: (cid) => timed("is_pinned", () => store.isPinned(cid)),
      exportCar: (roots, options) => timedStream("export_car", () => store.exportCar(roots, options)),
      importCar: (car, options) => timed("import_car", () => store.importCar(car, options)),
      close: () => store.close(),
    };
  }

  /** GET /metrics, and every answered request timed by its route. */
  register(app: FastifyInstance): void {
    app.addHook("onResponse", async (req, reply) => {
      // An unmatched URL is one label, not one per path a scanner tries.
      const route = req.routeOptions.url ?? "unmatched";
      this.#httpSeconds.observe({ method: req.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
    app.get("/metrics", { schema: { hide: true } }, async (_req, reply) => {
      reply.type(this.registry.contentType);
      return this.registry.metrics();
    });
  }
}

/** Times the stages of one job: each entry ends the stage before it. */
export class StageClock {
  #stage: JobStage | null;
  #since = performance.now();
  readonly #metrics: OracleMetrics | null;

  constructor(metrics: OracleMetrics | null, first: JobStage) {
    this.#metrics = metrics;
    this.#stage = first;
  }

  enter(stage: JobStage): void {
    if (stage === this.#stage) return;
    this.end();
    this.#stage = stage;
    this.#since = performance.now();
  }

  /** Ends the current stage; later calls observe nothing until the next enter(). */
  end(): void {
    if (this.#stage) this.#metrics?.stageDone(this.#stage, (performance.now() - this.#since) / 1000);
    this.#stage = null;
  }
}
