// Session routes: GET /session/nonce, POST /session/verify, GET /session/me, POST /session/logout,
// and the signed-in contributor's reader key: GET and PUT /session/reader-key.
import type { FastifyInstance } from "fastify";
import type { Hex } from "viem";
import { checkReaderPublicKey, KeyEnvelopeError } from "../../crypto/index.ts";
import type { RoutesOptions } from "../context.ts";
import { ApiError } from "../errors.ts";
import type { ReaderKeyRecord } from "./reader-keys.ts";
import { clearedCookie, sessionCookie } from "./sessions.ts";

const errors = { 400: { $ref: "Error#" }, 401: { $ref: "Error#" }, 429: { $ref: "Error#" } };

const sessionSchema = {
  type: "object",
  required: ["address", "expiresAt"],
  properties: {
    address: { type: "string", description: "the signed-in address (checksummed)" },
    expiresAt: { type: "string", format: "date-time" },
  },
} as const;

const readerKeySchema = {
  type: "object",
  required: ["address", "publicKey", "registeredAt"],
  properties: {
    address: { type: "string", description: "the signed-in address (checksummed)" },
    publicKey: { type: "string", description: "X25519 public key, 0x + 64 hex: every submission's data key is wrapped for it (role contributor)" },
    registeredAt: { type: "string", format: "date-time" },
  },
} as const;

const sessionStateSchema = {
  type: "object",
  required: ["address", "expiresAt", "readerKey"],
  properties: {
    address: { type: ["string", "null"], description: "the signed-in address (checksummed), null when signed out" },
    expiresAt: { type: ["string", "null"], format: "date-time" },
    readerKey: { anyOf: [readerKeySchema, { type: "null" }], description: "the reader key registered for the signed-in address, null when there is none" },
  },
} as const;

const readerKeyView = (r: ReaderKeyRecord) => ({ address: r.address, publicKey: r.publicKey, registeredAt: new Date(r.registeredAt).toISOString() });

export async function sessionRoutes(app: FastifyInstance, { ctx }: RoutesOptions): Promise<void> {
  const { config, sessions, siwe, readerKeys } = ctx;
  const secure = config.publicOrigin.startsWith("https:");
  const signInLimit = { max: config.rateLimits.signInPerMinute, timeWindow: 60_000 };

  app.get("/session/nonce", {
    config: { rateLimit: signInLimit },
    schema: {
      tags: ["session"],
      summary: "A single-use nonce for a Sign-In with Ethereum message",
      description: "Put it in an EIP-4361 message with this oracle's domain, URI origin and chain id, sign it, and POST it to /session/verify before it expires.",
      response: {
        200: {
          type: "object",
          required: ["nonce", "expiresAt", "domain", "uri", "chainId"],
          properties: {
            nonce: { type: "string" },
            expiresAt: { type: "string", format: "date-time" },
            domain: { type: "string", description: "the domain the message must name" },
            uri: { type: "string", description: "the origin the message's URI must be on" },
            chainId: { type: "integer" },
          },
        },
        429: { $ref: "Error#" },
      },
    },
  }, async (_req, reply) => {
    const n = await sessions.issueNonce();
    reply.header("cache-control", "no-store");
    return { nonce: n.nonce, expiresAt: new Date(n.expiresAt).toISOString(), domain: config.siweDomain, uri: config.publicOrigin, chainId: config.chainId };
  });

  app.post<{ Body: { message: string; signature: Hex } }>("/session/verify", {
    config: { rateLimit: signInLimit },
    schema: {
      tags: ["session"],
      summary: "Sign in: verify a signed EIP-4361 message and open a session",
      description: "Sets an HttpOnly session cookie and also returns the token for an `Authorization: Bearer` header.",
      body: {
        type: "object",
        required: ["message", "signature"],
        additionalProperties: false,
        properties: {
          message: { type: "string", minLength: 1, maxLength: 4096 },
          signature: { type: "string", pattern: "^0x[0-9a-fA-F]+$", maxLength: 65536 },
        },
      },
      response: {
        200: { type: "object", required: ["address", "expiresAt", "token"], properties: { ...sessionSchema.properties, token: { type: "string" } } },
        ...errors,
      },
    },
  }, async (req, reply) => {
    const { address, expiresAt: messageExpiry } = await siwe.verify(req.body.message, req.body.signature);
    const { token, session } = await sessions.create(address, messageExpiry);
    req.log.info({ address }, "signed in");
    reply.header("set-cookie", sessionCookie(token, session.expiresAt, secure));
    reply.header("cache-control", "no-store");
    return { address, expiresAt: new Date(session.expiresAt).toISOString(), token };
  });

  app.get("/session", {
    onRequest: ctx.optionalSession,
    schema: {
      tags: ["session"],
      summary: "This client's session as it stands: who is signed in and their reader key, or nulls (never 401 or 404)",
      security: [{}, { bearer: [] }, { cookie: [] }],
      response: { 200: sessionStateSchema },
    },
  }, async (req, reply) => {
    reply.header("cache-control", "no-store");
    const session = req.session;
    if (!session) return { address: null, expiresAt: null, readerKey: null };
    const record = await readerKeys.get(session.address);
    return { address: session.address, expiresAt: new Date(session.expiresAt).toISOString(), readerKey: record ? readerKeyView(record) : null };
  });

  app.get("/session/me", {
    onRequest: ctx.requireSession,
    schema: {
      tags: ["session"],
      summary: "The signed-in address",
      security: [{ bearer: [] }, { cookie: [] }],
      response: { 200: sessionSchema, 401: { $ref: "Error#" }, 429: { $ref: "Error#" } },
    },
  }, async (req) => ({ address: req.session!.address, expiresAt: new Date(req.session!.expiresAt).toISOString() }));

  app.post("/session/logout", {
    onRequest: ctx.optionalSession,
    schema: {
      tags: ["session"],
      summary: "Sign out: end the session (and clear the cookie)",
      response: { 204: { type: "null" } },
    },
  }, async (req, reply) => {
    if (req.session) await sessions.delete(req.session);
    reply.header("set-cookie", clearedCookie(secure));
    return reply.code(204).send();
  });

  app.get("/session/reader-key", {
    onRequest: ctx.requireSession,
    schema: {
      tags: ["session"],
      summary: "The reader key registered for the signed-in address",
      security: [{ bearer: [] }, { cookie: [] }],
      response: { 200: readerKeySchema, 401: { $ref: "Error#" }, 404: { $ref: "Error#" }, 429: { $ref: "Error#" } },
    },
  }, async (req, reply) => {
    reply.header("cache-control", "no-store");
    const record = await readerKeys.get(req.session!.address);
    if (!record) throw new ApiError(404, "not_found", "no reader key is registered for this address.", "Register one with PUT /session/reader-key before uploading (the dApp derives it from a wallet signature).");
    return readerKeyView(record);
  });

  app.put<{ Body: { publicKey: string } }>("/session/reader-key", {
    onRequest: ctx.requireSession,
    schema: {
      tags: ["session"],
      summary: "Register the signed-in address's reader key (replaces an earlier one for future uploads)",
      description:
        "The X25519 public key that can decrypt this contributor's own submissions: each upload's data key is wrapped for the key registered when it was uploaded. " +
        "A wallet user derives it from a personal_sign signature over readerKeyMessage (oracle/crypto/README.md); the private key never leaves the user.",
      security: [{ bearer: [] }, { cookie: [] }],
      body: {
        type: "object",
        required: ["publicKey"],
        additionalProperties: false,
        properties: { publicKey: { type: "string", pattern: "^0x[0-9a-fA-F]{64}$" } },
      },
      response: { 200: readerKeySchema, 400: { $ref: "Error#" }, 401: { $ref: "Error#" }, 429: { $ref: "Error#" } },
    },
  }, async (req, reply) => {
    let publicKey;
    try {
      publicKey = checkReaderPublicKey(req.body.publicKey);
    } catch (e) {
      if (e instanceof KeyEnvelopeError) throw new ApiError(400, "bad_reader_key", `${req.body.publicKey} cannot receive keys: ${e.shortMessage}`, "Derive the key again (readerKeyFromSignature) and send its publicKey.");
      throw e;
    }
    const record = await readerKeys.set(req.session!.address, publicKey);
    req.log.info({ address: record.address, publicKey }, "reader key registered");
    reply.header("cache-control", "no-store");
    return readerKeyView(record);
  });
}
