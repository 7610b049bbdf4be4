// What the route plugins need, handed to each explicitly (no hidden globals).
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ContentStore } from "../store/index.ts";
import type { Database } from "./database/database.ts";
import type { ReaderKeyStore } from "./auth/reader-keys.ts";
import type { Session, SessionStore } from "./auth/sessions.ts";
import type { SiweVerifier } from "./auth/siwe.ts";
import type { OracleConfig } from "./config.ts";
import type { JobEvents } from "./jobs/events.ts";
import type { JobStore } from "./jobs/job-store.ts";
import type { JobQueue } from "./jobs/queue.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in session, set by `requireSession` (null on routes that do not need one). */
    session: Session | null;
  }
}

export interface ServiceContext {
  config: OracleConfig;
  db: Database;
  jobs: JobStore;
  sessions: SessionStore;
  readerKeys: ReaderKeyStore;
  siwe: SiweVerifier;
  queue: JobQueue;
  events: JobEvents;
  store: ContentStore;
  /** onRequest (before the body is read or validated): 401 unless the request carries a live session; applies the per-address rate limit. */
  requireSession: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** onRequest: sets req.session when there is one, never refuses. */
  optionalSession: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

export interface RoutesOptions {
  ctx: ServiceContext;
}
