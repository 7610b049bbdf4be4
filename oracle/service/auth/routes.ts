// Session routes: GET /session/nonce, POST /session/verify, GET /session/me, POST /session/logout.
import type { FastifyInstance } from "fastify";
import type { Hex } from "viem";
import type { RoutesOptions } from "../context.ts";
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

export async function sessionRoutes(app: FastifyInstance, { ctx }: RoutesOptions): Promise<void> {
  const { config, sessions, siwe } = ctx;
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
    const n = sessions.issueNonce();
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
    const { token, session } = sessions.create(address, messageExpiry);
    req.log.info({ address }, "signed in");
    reply.header("set-cookie", sessionCookie(token, session.expiresAt, secure));
    reply.header("cache-control", "no-store");
    return { address, expiresAt: new Date(session.expiresAt).toISOString(), token };
  });

  app.get("/session/me", {
    preHandler: ctx.requireSession,
    schema: {
      tags: ["session"],
      summary: "The signed-in address",
      security: [{ bearer: [] }, { cookie: [] }],
      response: { 200: sessionSchema, 401: { $ref: "Error#" }, 429: { $ref: "Error#" } },
    },
  }, async (req) => ({ address: req.session!.address, expiresAt: new Date(req.session!.expiresAt).toISOString() }));

  app.post("/session/logout", {
    preHandler: ctx.optionalSession,
    schema: {
      tags: ["session"],
      summary: "Sign out: end the session (and clear the cookie)",
      response: { 204: { type: "null" } },
    },
  }, async (req, reply) => {
    if (req.session) sessions.delete(req.session);
    reply.header("set-cookie", clearedCookie(secure));
    return reply.code(204).send();
  });
}
