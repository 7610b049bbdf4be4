// The error answers every route can give besides its own, written into each route's schema so
// /openapi.json lists them: 500 anywhere, 429 where rate limits apply, 400 where a part of the
// request is validated, 401 behind a session, 403 (origin) and 413/415 (body) on state-changing
// routes. And the answers Node gives before a route is found (431, 400) in the same error shape.
import type { Socket } from "node:net";
import type { FastifyInstance, RouteOptions } from "fastify";
import { errorSchema } from "./errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ERROR = errorSchema.ref;

export function documentErrorAnswers(app: FastifyInstance, sessionGuard: unknown): void {
  app.addHook("onRoute", (route: RouteOptions) => {
    const schema = route.schema as (Record<string, unknown> & { response?: Record<string, unknown>; hide?: boolean }) | undefined;
    if (!schema || schema.hide) return;
    const response = (schema.response ??= {});
    const add = (status: number) => (response[status] ??= ERROR);
    const methods = [route.method].flat();
    add(500);
    if ((route.config as { rateLimit?: unknown } | undefined)?.rateLimit !== false) add(429);
    if (schema.params || schema.querystring || schema.body) add(400);
    if ([route.onRequest, route.preHandler].flat().includes(sessionGuard as never)) add(401);
    if (methods.some((m) => !SAFE_METHODS.has(m))) {
      add(400);
      add(403);
      add(413);
      add(415);
    }
  });
}

/** Node's own refusals (headers too large, a request it cannot parse), in the error shape. */
export function clientErrorAnswer(err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify({
    error: tooLarge
      ? { code: "headers_too_large", message: "the request's headers (the URL included) are larger than this oracle reads.", hint: "Send shorter headers and a shorter URL." }
      : { code: "bad_request", message: "the request is not valid HTTP.", hint: "Send an HTTP/1.1 request." },
  });
  socket.end(`HTTP/1.1 ${status} ${tooLarge ? "Request Header Fields Too Large" : "Bad Request"}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
