// Sign-in nonces and sessions, kept in the database. A session token is 32 random bytes; only
// its sha256 is stored, so the database alone cannot be used to act as anyone.
import { createHash, randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Address } from "viem";
import { generateSiweNonce } from "viem/siwe";
import type { Database } from "../database/database.ts";

export const SESSION_COOKIE = "oracle_session";

export interface Session {
  address: Address;
  expiresAt: number;
  tokenHash: string;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type NonceCheck = "ok" | "unknown" | "expired" | "used";

export class SessionStore {
  readonly #db: Database;
  readonly #nonceTtlMs: number;
  readonly #sessionTtlMs: number;

  constructor(db: Database, nonceTtlSeconds: number, sessionTtlSeconds: number) {
    this.#db = db;
    this.#nonceTtlMs = nonceTtlSeconds * 1000;
    this.#sessionTtlMs = sessionTtlSeconds * 1000;
  }

  async issueNonce(now = Date.now()): Promise<{ nonce: string; issuedAt: number; expiresAt: number }> {
    await this.#db.query("DELETE FROM nonces WHERE expires_at < $1", [now - this.#nonceTtlMs]);
    const nonce = generateSiweNonce();
    const expiresAt = now + this.#nonceTtlMs;
    await this.#db.query("INSERT INTO nonces (nonce, created_at, expires_at) VALUES ($1, $2, $3)", [nonce, now, expiresAt]);
    return { nonce, issuedAt: now, expiresAt };
  }

  async checkNonce(nonce: string, now = Date.now()): Promise<NonceCheck> {
    const { rows } = await this.#db.query<{ expires_at: number; used_at: number | null }>("SELECT expires_at, used_at FROM nonces WHERE nonce = $1", [nonce]);
    const row = rows[0];
    if (!row) return "unknown";
    if (row.used_at !== null) return "used";
    if (row.expires_at <= now) return "expired";
    return "ok";
  }

  /** Marks the nonce used; false if it was already used (or is unknown or expired). Atomic, across processes too. */
  async consumeNonce(nonce: string, now = Date.now()): Promise<boolean> {
    const r = await this.#db.query("UPDATE nonces SET used_at = $1 WHERE nonce = $2 AND used_at IS NULL AND expires_at > $1", [now, nonce]);
    return r.rowCount === 1;
  }

  async create(address: Address, notAfter: number | null, now = Date.now()): Promise<{ token: string; session: Session }> {
    await this.#db.query("DELETE FROM sessions WHERE expires_at < $1", [now]);
    const token = randomBytes(32).toString("base64url");
    const expiresAt = Math.min(now + this.#sessionTtlMs, notAfter ?? Number.MAX_SAFE_INTEGER);
    const tokenHash = hashToken(token);
    await this.#db.query("INSERT INTO sessions (token_hash, address, created_at, expires_at) VALUES ($1, $2, $3, $4)", [tokenHash, address, now, expiresAt]);
    return { token, session: { address, expiresAt, tokenHash } };
  }

  /** The live session a request carries (Authorization: Bearer, or the session cookie). */
  async fromHeaders(headers: IncomingHttpHeaders, now = Date.now()): Promise<Session | null> {
    const token = tokenFrom(headers);
    if (!token) return null;
    const tokenHash = hashToken(token);
    const { rows } = await this.#db.query<{ address: Address; expires_at: number }>("SELECT address, expires_at FROM sessions WHERE token_hash = $1", [tokenHash]);
    const row = rows[0];
    if (!row || row.expires_at <= now) return null;
    return { address: row.address, expiresAt: row.expires_at, tokenHash };
  }

  async delete(session: Session): Promise<void> {
    await this.#db.query("DELETE FROM sessions WHERE token_hash = $1", [session.tokenHash]);
  }
}

function tokenFrom(headers: IncomingHttpHeaders): string | null {
  const auth = headers.authorization;
  if (auth) {
    const m = /^Bearer\s+([A-Za-z0-9_-]{20,100})$/.exec(auth.trim());
    return m ? m[1] : null;
  }
  for (const part of (headers.cookie ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) return part.slice(at + 1).trim() || null;
  }
  return null;
}

export function sessionCookie(token: string, expiresAt: number, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;
}

export function clearedCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}
