// createOracleService(config): the oracle's HTTP service as a Fastify instance, not yet
// listening. It owns the database, the content store, the pipeline workers (unless given)
// and the dedup state, and closes them all in app.close() after the job runner stopped.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import { loadConfigFile, type PipelineConfig } from "../pipeline/config.ts";
import type { BatchProcessor } from "../pipeline/run/run.ts";
import { createContentStore, type ContentStore } from "../store/index.ts";
import { sessionRoutes } from "./auth/routes.ts";
import type { ClaimRelay } from "./claim-relay.ts";
import { claimRelayRoutes } from "./claim-relay-routes.ts";
import { ReaderKeyStore } from "./auth/reader-keys.ts";
import { SessionStore } from "./auth/sessions.ts";
import { SiweVerifier } from "./auth/siwe.ts";
import type { OracleConfig } from "./config.ts";
import type { ServiceContext } from "./context.ts";
import { Database, DatabaseError } from "./database/database.ts";
import { sqlitePath } from "./database/from-sqlite.ts";
import { ApiError, errorSchema } from "./errors.ts";
import { JobEvents } from "./jobs/events.ts";
import { Dispatch } from "./jobs/dispatch.ts";
import { JobStore } from "./jobs/job-store.ts";
import { jobView } from "./jobs/view.ts";
import { JobQueue } from "./jobs/queue.ts";
import { jobRoutes } from "./jobs/routes.ts";
import { jobSchema } from "./jobs/view.ts";
import { healthSchema, publicRoutes } from "./public-routes.ts";
import { committeeRoute } from "./committee-route.ts";
import type { MemberClient } from "../committee/member-client.ts";
import { databaseRateLimitStore } from "./rate-limit-store.ts";
import { ContentStoreSink, type SubmissionSink } from "./sink.ts";
import { uploadRoutes } from "./uploads/routes.ts";
import { settleUnreadBody } from "./unread-body.ts";
import { registerOriginChecks } from "./origins.ts";
import { clientErrorAnswer, documentErrorAnswers } from "./error-answers.ts";
import { OracleMetrics } from "./metrics.ts";
import { startBatchProcessor } from "./workers/processor.ts";

/** busboy's errors for a body that is not the multipart/form-data its header announces. */
const MALFORMED_MULTIPART = /^(Multipart: Boundary not found|Unexpected end of (multipart data|form)|Part terminated early|Malformed part header)/;
const isMalformedMultipart = (e: Error) => !(e instanceof ApiError) && MALFORMED_MULTIPART.test(e.message);

export interface ServiceParts {
  /** Pipeline workers already started (they are then not closed with the service). */
  workers?: BatchProcessor;
  /** What happens to accepted submissions; default: ContentStoreSink over the content store. */
  sink?: (store: ContentStore) => SubmissionSink;
  /** Submits contributors' signed claims (claim without gas); default: not offered. */
  claimRelay?: ClaimRelay;
  /** Fastify's logger option; default: pino at config.logLevel to stdout. */
  logger?: boolean | { level: string };
  /** The other committee members' nodes, shown at GET /committee. */
  members?: readonly MemberClient[];
  /** The metrics GET /metrics serves (shared with the relayer); default: new ones when config.metrics. */
  metrics?: OracleMetrics;
}

export async function createOracleService(config: OracleConfig, parts: ServiceParts = {}): Promise<FastifyInstance> {
  mkdirSync(config.dataDir, { recursive: true });
  const app = Fastify({
    logger: parts.logger ?? { level: config.logLevel },
    genReqId: () => randomUUID(),
    connectionTimeout: config.timeouts.idleMs,
    clientErrorHandler: clientErrorAnswer,
    // A path Fastify cannot decode (`/%ff`) is refused before routing, in the same error shape.
    frameworkErrors: (error: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
      reply.code(400).send({ error: { code: "bad_url", message: `${error.message}.`, hint: "Percent-encode the path as UTF-8; see the routes at /openapi.json." } });
    },
    // One of its three forms; the union of all three confuses the overloads of Fastify().
    trustProxy: config.trustProxy as string[],
    requestTimeout: config.timeouts.requestMs,
    requestIdHeader: "x-request-id",
    forceCloseConnections: true,
  });
  const closers: (() => Promise<void> | void)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (e) {
        app.log.error({ err: e }, "closing a part of the service failed");
      }
    }
  };

  const metrics = parts.metrics ?? (config.metrics ? new OracleMetrics() : null);
  let ctx: ServiceContext;
  try {
    const pipelineConfig: PipelineConfig = config.pipelineConfigPath ? loadConfigFile(config.pipelineConfigPath) : {};
    const created = await createContentStore(config.store);
    closers.push(() => created.close());
    const store = metrics ? metrics.measureStore(created) : created;
    if (existsSync(sqlitePath(config.dataDir))) {
      throw new DatabaseError(`${config.dataDir} holds the SQLite database of an earlier oracle (oracle.db). Move it into PostgreSQL once, with the same ORACLE_DATA_DIR and DATABASE_URL: npm run oracle:migrate-sqlite`);
    }
    const db = await Database.open({ url: config.databaseUrl, embeddedDir: join(config.dataDir, "postgres") });
    closers.push(() => db.close());
    const owned = parts.workers ? null : await startBatchProcessor(db, pipelineConfig, config, app.log);
    if (owned) closers.push(() => owned.close());
    const workers = parts.workers ?? owned!;
    const dispatch = await Dispatch.start(db);
    closers.push(() => dispatch.stop());
    const jobs = new JobStore(db, { onCreated: (tx, id) => dispatch.enqueue(tx, id) });
    metrics?.jobsFrom(() => jobs.countByState());
    const events = new JobEvents();
    await events.connect(db, async (id) => jobView((await jobs.get(id))!));
    closers.push(() => events.close());
    const sessions = new SessionStore(db, config.nonceTtlSeconds, config.sessionTtlSeconds);
    const siwe = new SiweVerifier({ domain: config.siweDomain, origin: config.publicOrigin, chainId: config.chainId, rpcUrl: config.rpcUrl }, sessions, config.nonceTtlSeconds);
    const sink = (parts.sink ?? ((s: ContentStore) => new ContentStoreSink(s)))(store);
    const queue = await JobQueue.open({ db, dispatch, jobs, events, workers, pipelineConfig, sink, log: app.log, dataDir: config.dataDir, maxAttempts: config.jobMaxAttempts, metrics });
    closers.push(() => queue.stop(config.shutdownTimeoutMs));
    app.log.info({ pipelineId: queue.pipelineId, committed: queue.committed, store: store.kind, storeLocation: store.location, database: db.location, dataDir: config.dataDir }, "oracle service ready");
    ctx = {
      config, db, jobs, sessions, readerKeys: new ReaderKeyStore(db), siwe, queue, events, store,
      requireSession: async () => {},
      optionalSession: async () => {},
    };
  } catch (e) {
    await closeAll();
    await app.close();
    throw e;
  }
  app.addHook("onClose", closeAll);
  app.addHook("onRequest", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });
  app.addHook("onReady", async () => ctx.queue.start());

  app.decorateRequest("session", null);
  app.addSchema(errorSchema.definition);
  app.addSchema(jobSchema.definition);
  app.addSchema(healthSchema.definition);
  app.setErrorHandler((error: FastifyError | ApiError, req, reply) => {
    // A route may have chosen another type (a file served as octet-stream) before it failed.
    reply.type("application/json; charset=utf-8");
    settleUnreadBody(req, reply);
    if (isMalformedMultipart(error)) {
      return reply.code(400).send({ error: { code: "malformed_multipart", message: `the multipart/form-data body cannot be read: ${error.message}.`, hint: "Send a complete multipart/form-data body with the boundary its Content-Type names (a form library or curl -F does)." } });
    }
    if (error instanceof ApiError) return reply.code(error.statusCode).send(error.body());
    if ((error as FastifyError).validation) {
      return reply.code(400).send({ error: { code: "invalid_request", message: `the request is not valid: ${error.message}.`, hint: "See the OpenAPI description at /openapi.json." } });
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (status === 429) {
      return reply.code(429).send({ error: { code: "rate_limited", message: "too many requests from this client.", hint: `${error.message}.` } });
    }
    if (status === 406 && (error as FastifyError).code === "FST_INVALID_MULTIPART_CONTENT_TYPE") {
      return reply.code(415).send({ error: { code: "not_multipart", message: "an upload must be sent as multipart/form-data.", hint: "Send the files as fields of a multipart/form-data request." } });
    }
    if (status < 500) {
      return reply.code(status).send({ error: { code: (error as FastifyError).code?.toLowerCase() ?? "bad_request", message: error.message, hint: "" } });
    }
    if (req.raw.destroyed || req.raw.socket?.destroyed) {
      // Nobody is left to answer; a client going away is not the oracle failing.
      req.log.info({ err: error }, "the client went away before the request was answered");
      return reply.code(500).send();
    }
    req.log.error({ err: error }, "request failed");
    return reply.code(500).send({ error: { code: "internal", message: `the oracle failed to handle this request (request id ${req.id}).`, hint: "Try again; if it persists, report the request id." } });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: { code: "not_found", message: `there is no route ${req.method} ${req.url.split("?")[0]}.`, hint: "See the OpenAPI description at /openapi.json." } });
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: { title: "1TT oracle", version: "1.0.0", description: "Upload data, follow its preprocessing, and see what was accepted and why." },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "the token POST /session/verify returns" },
          cookie: { type: "apiKey", in: "cookie", name: "oracle_session" },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === "string" ? json.$id : `def-${i}`) },
  });
  await app.register(rateLimit, {
    global: true,
    // In the database, so several API processes behind one address count a client once.
    store: databaseRateLimitStore(ctx.db),
    max: config.rateLimits.perIpPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_req, c) => new ApiError(c.statusCode, "rate_limited", `too many requests from this IP address (more than ${c.max} a minute).`, `Wait ${c.after} and try again.`),
  });
  await app.register(multipart, { limits: { fileSize: config.upload.maxBytes, files: config.upload.maxFiles } });

  const perAddress = app.createRateLimit({ keyGenerator: (req) => `address:${req.session?.address}`, max: config.rateLimits.perAddressPerMinute, timeWindow: 60_000 });
  ctx.requireSession = async (req, reply) => {
    req.session = await ctx.sessions.fromHeaders(req.headers);
    if (!req.session) {
      throw new ApiError(401, "not_signed_in", "this needs a signed-in wallet, and the request carries no valid session (none, expired, or signed out).",
        "Sign in with Ethereum: GET /session/nonce, sign the message, POST /session/verify; then send the cookie or the Bearer token.");
    }
    const r = await perAddress(req);
    if (!r.isAllowed && r.isExceeded) {
      reply.header("retry-after", r.ttlInSeconds);
      throw new ApiError(429, "rate_limited", `too many requests from ${req.session.address} (more than ${r.max} a minute).`, `Wait ${r.ttlInSeconds} seconds and try again.`);
    }
  };
  ctx.optionalSession = async (req) => {
    req.session = await ctx.sessions.fromHeaders(req.headers);
  };

  documentErrorAnswers(app, ctx.requireSession);
  registerOriginChecks(app, config.allowedOrigins);
  await app.register(sessionRoutes, { ctx });
  await app.register(uploadRoutes, { ctx });
  await app.register(jobRoutes, { ctx });
  await app.register(publicRoutes, { ctx });
  await app.register(claimRelayRoutes, { relay: parts.claimRelay ?? null });
  await app.register(committeeRoute, { ctx, members: parts.members ?? [] });
  metrics?.register(app);
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  return app;
}
