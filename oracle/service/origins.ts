// Which web pages may act on a signed-in contributor's behalf. SameSite=Lax keeps the session
// cookie off cross-site requests, but not off requests from another port of the same host or a
// sibling subdomain (same-site), so every state-changing request that carries an Origin (every
// browser sends one on POST/PUT/DELETE) must come from a configured origin; programs that send
// none (the CLI, curl) authenticate with a Bearer token a page cannot read anyway. Pages on a
// configured origin may also call the oracle cross-origin (CORS, with credentials).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "./errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export function registerOriginChecks(app: FastifyInstance, allowedOrigins: string[]): void {
  const allowed = new Set(allowedOrigins);
  const corsHeaders = (req: FastifyRequest, reply: FastifyReply) => {
    const origin = req.headers.origin;
    reply.header("vary", "Origin");
    if (origin && allowed.has(origin)) {
      reply.header("access-control-allow-origin", origin);
      reply.header("access-control-allow-credentials", "true");
    }
  };

  app.addHook("onRequest", async (req, reply) => {
    corsHeaders(req, reply);
    if (SAFE_METHODS.has(req.method)) return;
    const origin = req.headers.origin;
    const fetchSite = req.headers["sec-fetch-site"];
    const crossSite = origin !== undefined ? !allowed.has(origin) : fetchSite === "cross-site" || fetchSite === "same-site";
    if (crossSite) {
      throw new ApiError(403, "origin_not_allowed", `requests from ${origin ?? "another site"} may not change anything here.`,
        `Use the dApp at ${[...allowed].join(" or ")}; an operator can allow more origins with ORACLE_ALLOWED_ORIGINS.`);
    }
  });

  app.options("*", { schema: { hide: true }, config: { rateLimit: false } }, async (req, reply) => {
    reply.header("allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
    if (req.headers.origin && allowed.has(req.headers.origin)) {
      reply.header("access-control-allow-methods", "GET, HEAD, POST, PUT, DELETE");
      reply.header("access-control-allow-headers", req.headers["access-control-request-headers"] ?? "authorization, content-type");
      reply.header("access-control-max-age", String(PREFLIGHT_MAX_AGE_SECONDS));
    }
    return reply.code(204).send();
  });
}
