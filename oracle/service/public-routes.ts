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
import { ApiError, storeReadError } from "./errors.ts";

const cidParams = { type: "object", required: ["cid"], properties: { cid: { type: "string", minLength: 8, maxLength: 128, pattern: "^[A-Za-z0-9]+$" } } } as const;

export async function publicRoutes(app: FastifyInstance, { ctx }: RoutesOptions): Promise<void> {
  const { jobs, queue, store, config } = ctx;
  const checkCid = (raw: string): string => {
    try {
      return parseCid(raw).toV1().toString();
    } catch (e) {
      throw storeReadError(e) ?? new ApiError(400, "invalid_cid", `${raw} is not a CID.`, "Pass a CIDv1 such as bafkrei… as the oracle printed it.");
    }
  };
  const unknownCid = (cid: string) => new ApiError(404, "not_found", `this oracle stored no content ${cid}.`, "Check the CID against the manifest; any IPFS gateway serves content this oracle did not store.");

  app.get("/stats", {
    schema: {
      tags: ["program"],
      summary: "Program statistics: jobs by state, contributors, accepted tokens and documents",
      response: {
        200: {
          type: "object",
          properties: {
            pipelineId: { type: "string" },
            program: {
              type: "object",
              description: "the program uploads are signed for (the contribution's EIP-712 domain): splitter null when this oracle runs none, and contributions are then signed for the zero address",
              properties: { chainId: { type: "integer" }, splitter: { type: ["string", "null"] } },
              required: ["chainId", "splitter"],
            },
            submissions: { type: "integer", description: "accepted submissions in the dedup log" },
            contributors: { type: "integer", description: "addresses with at least one accepted submission" },
            tokens: { type: "integer", description: "accepted tokens, all contributors" },
            documents: { type: "integer" },
            bytes: { type: "integer", description: "bytes uploaded in accepted submissions" },
            jobs: { type: "object", properties: { queued: { type: "integer" }, processing: { type: "integer" }, accepted: { type: "integer" }, failed: { type: "integer" } } },
          },
        },
      },
    },
  }, async () => {
    const s = await jobs.stats();
    return { pipelineId: queue.pipelineId, program: { chainId: config.chainId, splitter: config.splitterAddress }, submissions: queue.committed, contributors: s.contributors, tokens: s.tokens, documents: s.documents, bytes: s.bytes, jobs: s.byState };
  });

  app.get<{ Params: { address: string }; Querystring: { limit?: number } }>("/contributors/:address/submissions", {
    schema: {
      tags: ["program"],
      summary: "A contributor's accepted submissions, newest first: sequence, tokens, CIDs, attestation",
      params: { type: "object", required: ["address"], properties: { address: { type: "string", pattern: "^0x[0-9a-fA-F]{40}$" } } },
      querystring: { type: "object", properties: { limit: { type: "integer", minimum: 1, maximum: 1000, default: 100 } } },
      response: {
        200: {
          type: "object",
          properties: {
            contributor: { type: "string" },
            cumulativeTokens: { type: "integer" },
            submissions: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  jobId: { type: "string" },
                  sequence: { type: "integer" },
                  acceptedAt: { type: "string", format: "date-time" },
                  documents: { type: "integer" },
                  tokens: { type: "integer" },
                  cumulativeTokens: { type: "integer" },
                  manifestCid: { anyOf: [{ type: "string" }, { type: "null" }] },
                  reportCid: { type: "string" },
                  attestation: {},
                },
              },
            },
          },
        },
        400: { $ref: "Error#" },
      },
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
        attestation: j.attestation,
      })),
    };
  });

  app.get<{ Params: { cid: string } }>("/manifests/:cid", {
    schema: {
      tags: ["program"],
      summary: "A submission manifest this oracle wrote, by CID (JSON, as stored on IPFS)",
      params: cidParams,
      response: { 200: { type: "object", additionalProperties: true }, 400: { $ref: "Error#" }, 404: { $ref: "Error#" }, 503: { $ref: "Error#" } },
    },
  }, async (req, reply) => {
    const cid = checkCid(req.params.cid);
    if (!(await jobs.findByCid(cid)).some((c) => c.kind === "manifest")) throw new ApiError(404, "not_found", `this oracle wrote no manifest ${cid}.`, "Check the CID against the attestation or the submissions list.");
    try {
      const manifest = await getJson(store, cid);
      reply.header("cache-control", "public, max-age=31536000, immutable");
      return manifest;
    } catch (e) {
      throw storeReadError(e) ?? e;
    }
  });

  app.get<{ Params: { cid: string } }>("/ipfs/:cid", {
    schema: {
      tags: ["program"],
      summary: "Content this oracle stored, by CID, as an IPFS gateway serves it (public, CORS)",
      description:
        "Manifests, key envelopes and the encrypted raw uploads, filtered data and reports of accepted submissions. " +
        "Only ciphertext is ever stored (oracle/crypto): reading it needs a reader key from the submission's key envelope. " +
        "The bytes are the file's, so a client can check them against the CID or, for ciphertext, against the manifest's plaintext commitment after decryption.",
      params: cidParams,
      response: { 200: { content: { "application/octet-stream": { schema: { type: "string", format: "binary" } }, "application/json": { schema: { type: "object", additionalProperties: true, description: "a manifest or a key envelope" } } } }, 400: { $ref: "Error#" }, 404: { $ref: "Error#" }, 503: { $ref: "Error#" } },
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

  app.get("/health", {
    config: { rateLimit: false },
    schema: {
      tags: ["program"],
      summary: "Liveness: the database, the content store, the job runner",
      response: {
        200: { $ref: "Health#" },
        503: { $ref: "Health#" },
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
      status: storeOk ? "ok" : "degraded",
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

export const healthSchema = {
  $id: "Health",
  type: "object",
  properties: {
    status: { type: "string", enum: ["ok", "degraded"] },
    pipelineId: { type: "string" },
    store: { type: "object", properties: { kind: { type: "string" }, reachable: { type: "boolean" }, error: { anyOf: [{ type: "string" }, { type: "null" }] } } },
    queue: { type: "object", properties: { queued: { type: "integer" }, processing: { type: "integer" }, current: { anyOf: [{ type: "string" }, { type: "null" }] } } },
  },
} as const;
