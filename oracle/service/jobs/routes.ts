// Job routes, all bound to the signed-in address: another address's job is answered 404, the
// same as a job that does not exist, so ids reveal nothing.
//   GET /jobs                 the signed-in contributor's jobs, newest first
//   GET /jobs/:id             status, progress, result or error
//   GET /jobs/:id/events      Server-Sent Events: stage, progress, then done (the job) and close
//   GET /jobs/:id/report      the pipeline's report without the data it quotes (see report-counts.ts)
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { RoutesOptions } from "../context.ts";
import { ApiError, errorSchema } from "../errors.ts";
import { jobParams, jobReportAnswer, jobsAnswer, jobsQuery } from "../../protocol/oracle-api.ts";
import { answer, request, type ZodWire } from "../wire-schema.ts";
import type { JobEvent } from "./events.ts";
import type { Job } from "./job-store.ts";
import { withOriginals } from "./origins.ts";
import { jobSchema, jobView } from "./view.ts";

const idParams = request(jobParams);

const notFound = () => new ApiError(404, "job_not_found", "there is no such job for the signed-in address.", "Check the job id, and that you are signed in with the address that uploaded it.");
const secured: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
const HEARTBEAT_MS = 15_000;

export async function jobRoutes(app: FastifyInstance, { ctx }: RoutesOptions): Promise<void> {
  const { jobs, events } = ctx;
  const api = app.withTypeProvider<ZodWire>();
  const ownJob = async (req: Pick<FastifyRequest, "session"> & { params: { id: string } }): Promise<Job> => {
    const job = await jobs.get(req.params.id);
    if (!job || job.contributor !== req.session!.address) throw notFound();
    return job;
  };
  const streams = new Set<() => void>();
  app.addHook("preClose", async () => {
    for (const end of streams) end();
  });

  api.get("/jobs", {
    onRequest: ctx.requireSession,
    schema: {
      tags: ["jobs"],
      summary: "The signed-in contributor's jobs, newest first",
      security: secured,
      querystring: request(jobsQuery),
      response: { 200: answer(jobsAnswer), 401: errorSchema.ref },
    },
  }, async (req) => ({ jobs: (await jobs.listForContributor(req.session!.address, req.query.limit ?? 100)).map(jobView) }));

  api.get("/jobs/:id", {
    onRequest: ctx.requireSession,
    schema: {
      tags: ["jobs"],
      summary: "A job: state, stage, progress, and its result or error",
      security: secured,
      params: idParams,
      response: { 200: jobSchema.ref, 401: errorSchema.ref, 404: errorSchema.ref },
    },
  }, async (req) => jobView(await ownJob(req)));

  api.get("/jobs/:id/report", {
    onRequest: ctx.requireSession,
    schema: {
      tags: ["jobs"],
      summary: "The pipeline's report of a job: documents and tokens in and out, removals by rule with examples, duplicates, reader issues",
      description:
        "Every count of the report, and where each example is (file and line), but no text of the upload: excerpts are empty and reader issues say only their kind. " +
        "A duplicate of one of the contributor's own earlier submissions names that document's file and line (original). " +
        "The full report of an accepted job is stored sealed at its reportCid, readable with the contributor's reader key.",
      security: secured,
      params: idParams,
      response: { 200: answer(jobReportAnswer), 401: errorSchema.ref, 404: errorSchema.ref, 409: errorSchema.ref },
    },
  }, async (req) => {
    const job = await ownJob(req);
    if (!job.report) {
      throw new ApiError(409, "report_not_ready", job.state === "failed" ? "this job failed before the pipeline produced a report." : "the job has not finished processing yet.",
        job.state === "failed" ? "See the job's error." : "Follow GET /jobs/:id/events and ask again when it is done.");
    }
    const earlier = new Map<number, Job | null>();
    for (const { of } of job.report.duplicates.examples) if (!earlier.has(of.submission)) earlier.set(of.submission, await jobs.bySequence(of.submission));
    return withOriginals(job.report, job.contributor, (sequence) => earlier.get(sequence) ?? null);
  });

  api.get("/jobs/:id/events", {
    onRequest: ctx.requireSession,
    schema: {
      tags: ["jobs"],
      summary: "Progress of a job as Server-Sent Events",
      description:
        "Events: `stage` {state, stage}, `progress` {stage, bytesRead, bytesTotal, documents, kept, removed, removedByRule, duplicates, tokensIn, tokensOut}, " +
        "and finally `done` with the job (as GET /jobs/:id), after which the stream ends. A finished job sends `done` at once.",
      security: secured,
      params: idParams,
      response: { 200: { content: { "text/event-stream": { schema: { type: "string" } } } }, 401: errorSchema.ref, 404: errorSchema.ref },
    },
  }, async (req, reply) => {
    const job = await ownJob(req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
      "x-request-id": req.id,
    });
    const send = (event: JobEvent) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
    let closed = false;
    const end = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
      streams.delete(end);
      res.end();
    };
    // Subscribe before reading the current state, so nothing between the two is missed.
    const unsubscribe = events.subscribe(job.id, (event) => {
      send(event);
      if (event.type === "done") end();
    });
    const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), HEARTBEAT_MS);
    streams.add(end);
    req.raw.on("close", end);
    const now = (await jobs.get(job.id))!;
    if (now.state === "accepted" || now.state === "failed") {
      send({ type: "done", data: jobView(now) });
      end();
      return;
    }
    send({ type: "stage", data: { state: now.state, stage: now.stage } });
    if (now.progress) send({ type: "progress", data: now.progress });
  });
}
