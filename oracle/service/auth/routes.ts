// Session routes: GET /session/nonce, POST /session/verify, GET /session/me, POST /session/logout,
// and the signed-in contributor's reader key: GET and PUT /session/reader-key.
import type { FastifyInstance } from "fastify";
import { checkReaderPublicKey, KeyEnvelopeError } from "../../crypto/index.ts";
import type { RoutesOptions } from "../context.ts";
import { ApiError, errorSchema } from "../errors.ts";
import { nonceAnswer, readerKeyAnswer, readerKeyRequest, sessionAnswer, sessionStateAnswer, signInAnswer, signInRequest } from "../../protocol/oracle-api.ts";
import { answer, request, type ZodWire } from "../wire-schema.ts";
import type { ReaderKeyRecord } from "./reader-keys.ts";
import { clearedCookie, sessionCookie } from "./sessions.ts";

const errors = { 400: errorSchema.ref, 401: errorSchema.ref, 429: errorSchema.ref };

const readerKeyView = (r: ReaderKeyRecord) => ({ address: r.address, publicKey: r.publicKey, registeredAt: new Date(r.registeredAt).toISOString() });

export async function sessionRoutes(app: FastifyInstance, { ctx }: RoutesOptions): Promise<void> {
  const { config, sessions, siwe, readerKeys } = ctx;
  const secure = config.publicOrigin.startsWith("https:");
  const api = app.withTypeProvider<ZodWire>();
  const signInLimit = { max: config.rateLimits.signInPerMinute, timeWindow: 60_000 };

  api.get("/session/nonce", {
    config: { rateLimit: signInLimit },
    schema: {
      tags: ["session"],
      summary: "A single-use nonce for a Sign-In with Ethereum message",
      description: "Put it in an EIP-4361 message with this oracle's domain, URI origin and chain id, sign it, and POST it to /session/verify before it expires.",
      response: { 200: answer(nonceAnswer), 429: errorSchema.ref },
    },
  }, async (_req, reply) => {
    const n = await sessions.issueNonce();
    reply.header("cache-control", "no-store");
    return { nonce: n.nonce, expiresAt: new Date(n.expiresAt).toISOString(), domain: config.siweDomain, uri: config.publicOrigin, chainId: config.chainId };
  });

  api.post("/session/verify", {
    config: { rateLimit: signInLimit },
    schema: {
      tags: ["session"],
      summary: "Sign in: verify a signed EIP-4361 message and open a session",
      description: "Sets an HttpOnly session cookie and also returns the token for an `Authorization: Bearer` header.",
      body: request(signInRequest),
      response: { 200: answer(signInAnswer), ...errors },
    },
  }, async (req, reply) => {
    const { address, expiresAt: messageExpiry } = await siwe.verify(req.body.message, req.body.signature);
    const { token, session } = await sessions.create(address, messageExpiry);
    req.log.info({ address }, "signed in");
    reply.header("set-cookie", sessionCookie(token, session.expiresAt, secure));
    reply.header("cache-control", "no-store");
    return { address, expiresAt: new Date(session.expiresAt).toISOString(), token };
  });

  api.get("/session", {
    onRequest: ctx.optionalSession,
    schema: {
      tags: ["session"],
      summary: "This client's session as it stands: who is signed in and their reader key, or nulls (never 401 or 404)",
      security: [{}, { bearer: [] }, { cookie: [] }],
      response: { 200: answer(sessionStateAnswer) },
    },
  }, async (req, reply) => {
    reply.header("cache-control", "no-store");
    const session = req.session;
    if (!session) return { address: null, expiresAt: null, readerKey: null };
    const record = await readerKeys.get(session.address);
    return { address: session.address, expiresAt: new Date(session.expiresAt).toISOString(), readerKey: record ? readerKeyView(record) : null };
  });

  api.get("/session/me", {
    onRequest: ctx.requireSession,
    schema: {
      tags: ["session"],
      summary: "The signed-in address",
      security: [{ bearer: [] }, { cookie: [] }],
      response: { 200: answer(sessionAnswer), 401: errorSchema.ref, 429: errorSchema.ref },
    },
  }, async (req) => ({ address: req.session!.address, expiresAt: new Date(req.session!.expiresAt).toISOString() }));

  api.post("/session/logout", {
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

  api.get("/session/reader-key", {
    onRequest: ctx.requireSession,
    schema: {
      tags: ["session"],
      summary: "The reader key registered for the signed-in address",
      security: [{ bearer: [] }, { cookie: [] }],
      response: { 200: answer(readerKeyAnswer), 401: errorSchema.ref, 404: errorSchema.ref, 429: errorSchema.ref },
    },
  }, async (req, reply) => {
    reply.header("cache-control", "no-store");
    const record = await readerKeys.get(req.session!.address);
    if (!record) throw new ApiError(404, "not_found", "no reader key is registered for this address.", "Register one with PUT /session/reader-key before uploading (the dApp derives it from a wallet signature).");
    return readerKeyView(record);
  });

  api.put("/session/reader-key", {
    onRequest: ctx.requireSession,
    schema: {
      tags: ["session"],
      summary: "Register the signed-in address's reader key (replaces an earlier one for future uploads)",
      description:
        "The X25519 public key that can decrypt this contributor's own submissions: each upload's data key is wrapped for the key registered when it was uploaded. " +
        "A wallet user derives it from a personal_sign signature over readerKeyMessage (oracle/crypto/README.md); the private key never leaves the user.",
      security: [{ bearer: [] }, { cookie: [] }],
      body: request(readerKeyRequest),
      response: { 200: answer(readerKeyAnswer), 400: errorSchema.ref, 401: errorSchema.ref, 429: errorSchema.ref },
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
