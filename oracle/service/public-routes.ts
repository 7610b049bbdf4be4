// Program-wide routes:
//   GET /stats                                  counts from the database
//   GET /contributors/:address/submissions      a contributor's accepted submissions (public: their
//                                               manifests and attestations are public anyway)
//   GET /manifests/:cid                         a manifest this oracle wrote (JSON)
//   GET /ipfs/:cid                              anything this oracle stored for a submission (manifest,
//                                               key envelope, encrypted raw, filtered and report
//                                               data), streamed, public and with CORS, as an IPFS
//                                               gateway serves it: nothing stored is plaintext
//   GET /health                                 liveness and the content store's reachability
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { getAddress, isAddress } from "viem";
import { getJson, parseCid } from "./../store/index.ts";
import type { RoutesOptions } from "./context.ts";
import { ApiError, errorSchema, storeReadError } from "./errors.ts";
import { cidParams as cidParamsShape, healthAnswer, statsAnswer, storedJson, submissionsAnswer, submissionsParams, submissionsQuery, type SignedAttestation } from "../protocol/oracle-api.ts";
import { answer, request, sharedAnswer, type ZodWire } from "./wire-schema.ts";

const cidParams = request(cidParamsShape);

export async function publicRoutes(app: FastifyInstance, { ctx }: RoutesOptions): Promise<void> {
  const { jobs, queue, store, config } = ctx;
  const api = app.withTypeProvider<ZodWire>();
  const checkCid = (raw: string): string => {
    try {
      return parseCid(raw).toV1().toString();
    } catch (e) {
      throw storeReadError(e) ?? new ApiError(400, "invalid_cid", `${raw} is not a CID.`, "Pass a CIDv1 such as bafkrei… as the oracle printed it.");
    }
  };
  const unknownCid = (cid: string) => new ApiError(404, "not_found", `this oracle stored no content ${cid}.`, "Check the CID against the manifest; any IPFS gateway serves content this oracle did not store.");

  api.get("/stats", {
    schema: {
      tags: ["program"],
      summary: "Program statistics: jobs by state, contributors, accepted tokens and documents",
      response: { 200: answer(statsAnswer) },
    },
  }, async () => {
    const s = await jobs.stats();
    return { pipelineId: queue.pipelineId, program: { chainId: config.chainId, splitter: config.splitterAddress }, submissions: queue.committed, contributors: s.contributors, tokens: s.tokens, documents: s.documents, bytes: s.bytes, jobs: s.byState };
  });

  api.get("/contributors/:address/submissions", {
    schema: {
      tags: ["program"],
      summary: "A contributor's accepted submissions, newest first: sequence, tokens, CIDs, attestation",
      params: request(submissionsParams),
      querystring: request(submissionsQuery),
      response: { 200: answer(submissionsAnswer), 400: errorSchema.ref },
    },
  }, async (req) => {
    if (!isAddress(req.params.address, { strict: false }) || (req.params.address !== req.params.address.toLowerCase() && !isAddress(req.params.address))) {
      throw new ApiError(400, "invalid_address", `${req.params.address} is not a valid address (its checksum is wrong).`, "Use the address as the wallet shows it, or all lower case.");
    }
    const contributor = getAddress(req.params.address);
    const accepted = await jobs.listForContributor(contributor, req.query.limit ?? 100, ["accepted"]);
    return {
      contributor,
      cumulativeTokens: accepted[0]?.stored?.cumulativeTokens ?? 0,
      submissions: accepted.map((j) => ({
        jobId: j.id,
        sequence: j.sequence!,
        acceptedAt: new Date(j.finishedAt!).toISOString(),
        documents: j.documents!,
        tokens: j.tokens!,
        cumulativeTokens: j.stored!.cumulativeTokens,
        manifestCid: j.stored!.manifestCid,
        reportCid: j.stored!.reportCid,
        attestation: j.attestation as SignedAttestation | null,
      })),
    };
  });

  api.get("/manifests/:cid", {
    schema: {
      tags: ["program"],
      summary: "A submission manifest this oracle wrote, by CID (JSON, as stored on IPFS)",
      params: cidParams,
      response: { 200: answer(storedJson), 400: errorSchema.ref, 404: errorSchema.ref, 503: errorSchema.ref },
    },
  }, async (req, reply) => {
    const cid = checkCid(req.params.cid);
    if (!(await jobs.findByCid(cid)).some((c) => c.kind === "manifest")) throw new ApiError(404, "not_found", `this oracle wrote no manifest ${cid}.`, "Check the CID against the attestation or the submissions list.");
    try {
      const manifest = (await getJson(store, cid)) as Record<string, unknown>;
      reply.header("cache-control", "public, max-age=31536000, immutable");
      return manifest;
    } catch (e) {
      throw storeReadError(e) ?? e;
    }
  });

  api.get("/ipfs/:cid", {
    schema: {
      tags: ["program"],
      summary: "Content this oracle stored, by CID, as an IPFS gateway serves it (public, CORS)",
      description:
        "Manifests, key envelopes and the encrypted raw uploads, filtered data and reports of accepted submissions. " +
        "Only ciphertext is ever stored (oracle/crypto): reading it needs a reader key from the submission's key envelope. " +
        "The bytes are the file's, so a client can check them against the CID or, for ciphertext, against the manifest's plaintext commitment after decryption.",
      params: cidParams,
      response: { 200: { content: { "application/octet-stream": { schema: { type: "string", format: "binary" } }, "application/json": { schema: answer(storedJson) } } }, 400: errorSchema.ref, 404: errorSchema.ref, 503: errorSchema.ref },
    },
  }, async (req, reply) => {
    reply.header("access-control-allow-origin", "*");
    const cid = checkCid(req.params.cid);
    const holders = await jobs.findByCid(cid);
    if (holders.length === 0) throw unknownCid(cid);
    try {
      if (!(await store.has(cid))) throw unknownCid(cid);
    } catch (e) {
      throw storeReadError(e) ?? e;
    }
    const kind = holders[0].kind;
    reply.header("content-type", kind === "manifest" || kind === "keys" ? "application/json" : "application/octet-stream");
    reply.header("cache-control", "public, max-age=31536000, immutable");
    reply.header("x-content-type-options", "nosniff");
    // The first piece is read before answering, so a file that cannot be read (a root block that
    // does not decode) gets an error answer instead of a 200 cut short.
    const pieces = store.get(cid)[Symbol.asyncIterator]();
    let first: IteratorResult<Uint8Array>;
    try {
      first = await pieces.next();
    } catch (e) {
      throw storeReadError(e) ?? e;
    }
    return reply.send(Readable.from(prepend(first, pieces)));
  });

  api.get("/health", {
    config: { rateLimit: false },
    schema: {
      tags: ["program"],
      summary: "Liveness: the database, the content store, the job runner",
      response: {
        200: healthSchema.ref,
        503: healthSchema.ref,
      },
    },
  }, async (_req, reply) => {
    let storeOk = true;
    let storeError: string | null = null;
    if (store.ping) {
      try {
        await store.ping();
      } catch (e) {
        storeOk = false;
        storeError = (e as Error).message.split("\n")[0];
      }
    }
    const s = await jobs.stats();
    const body = {
      status: storeOk ? ("ok" as const) : ("degraded" as const),
      pipelineId: queue.pipelineId,
      store: { kind: store.kind, reachable: storeOk, error: storeError },
      queue: { queued: s.byState.queued, processing: s.byState.processing, current: queue.currentJob },
    };
    return reply.code(storeOk ? 200 : 503).send(body);
  });
}

async function* prepend(first: IteratorResult<Uint8Array>, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (first.done) return;
  yield first.value;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** GET /health answers the same shape when the oracle is well (200) and when it is not (503). */
export const healthSchema = sharedAnswer("Health", healthAnswer);
