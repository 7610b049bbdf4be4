// What happens to the body of a request refused before it was read whole (401, 403, 409, 413,
// 429 …). A client sends its body before it reads the answer, and a server that closes with
// bytes unread makes the kernel reset the connection: the client (Node's fetch, a browser) then
// sees a network error instead of the refusal. So a small body is read and dropped (Node does it
// after the answer, keeping the connection), and a large one gets a lingering close: the answer
// says `Connection: close`, the rest is dropped for a short while so the client can read it, then
// the connection is cut, so a refused 4 GB upload costs the oracle seconds, not the 4 GB.
import type { FastifyReply, FastifyRequest } from "fastify";

/** Bodies up to this many bytes (as declared) are read to their end after a refusal. */
export const DRAIN_LIMIT = 1024 * 1024;
/** How long the rest of a larger body is read and dropped before the connection is cut. */
export const LINGER_MS = 2000;

export function settleUnreadBody(req: FastifyRequest, reply: FastifyReply): void {
  const raw = req.raw;
  if (raw.complete || raw.readableEnded || raw.destroyed) return;
  const declared = Number(raw.headers["content-length"]);
  if (Number.isFinite(declared) && declared <= DRAIN_LIMIT) return;
  reply.header("connection", "close");
  reply.raw.once("finish", () => {
    raw.resume();
    const socket = raw.socket;
    const cut = setTimeout(() => socket.destroy(), LINGER_MS);
    cut.unref();
    socket.once("close", () => clearTimeout(cut));
  });
}
