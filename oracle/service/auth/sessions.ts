// Sign-in nonces and sessions, kept in the database. A session token is 32 random bytes; only
// its sha256 is stored, so the database alone cannot be used to act as anyone.
import { createHash, randomBytes } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import type { IncomingHttpHeaders } from "node:http";
import type { Address } from "viem";
import { generateSiweNonce } from "viem/siwe";

export const SESSION_COOKIE = "oracle_session";

export interface Session {
  address: Address;
  expiresAt: number;
  tokenHash: string;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type NonceCheck = "ok" | "unknown" | "expired" | "used";

export class SessionStore {
  readonly #db: DatabaseSync;
  readonly #nonceTtlMs: number;
  readonly #sessionTtlMs: number;

  constructor(db: DatabaseSync, nonceTtlSeconds: number, sessionTtlSeconds: number) {
    this.#db = db;
    this.#nonceTtlMs = nonceTtlSeconds * 1000;
    this.#sessionTtlMs = sessionTtlSeconds * 1000;
  }

  issueNonce(now = Date.now()): { nonce: string; issuedAt: number; expiresAt: number } {
    this.#db.prepare("DELETE FROM nonces WHERE expires_at < ?").run(now - this.#nonceTtlMs);
    const nonce = generateSiweNonce();
    const expiresAt = now + this.#nonceTtlMs;
    this.#db.prepare("INSERT INTO nonces (nonce, created_at, expires_at) VALUES (?, ?, ?)").run(nonce, now, expiresAt);
    return { nonce, issuedAt: now, expiresAt };
  }

  checkNonce(nonce: string, now = Date.now()): NonceCheck {
    const row = this.#db.prepare("SELECT expires_at, used_at FROM nonces WHERE nonce = ?").get(nonce) as { expires_at: number; used_at: number | null } | undefined;
    if (!row) return "unknown";
    if (row.used_at !== null) return "used";
    if (row.expires_at <= now) return "expired";
    return "ok";
  }

  /** Marks the nonce used; false if it was already used (or is unknown or expired). Atomic. */
  consumeNonce(nonce: string, now = Date.now()): boolean {
    const r = this.#db.prepare("UPDATE nonces SET used_at = ? WHERE nonce = ? AND used_at IS NULL AND expires_at > ?").run(now, nonce, now);
    return r.changes === 1;
  }

  create(address: Address, notAfter: number | null, now = Date.now()): { token: string; session: Session } {
    this.#db.prepare("DELETE FROM sessions WHERE expires_at < ?").run(now);
    const token = randomBytes(32).toString("base64url");
    const expiresAt = Math.min(now + this.#sessionTtlMs, notAfter ?? Number.MAX_SAFE_INTEGER);
    const tokenHash = hashToken(token);
    this.#db.prepare("INSERT INTO sessions (token_hash, address, created_at, expires_at) VALUES (?, ?, ?, ?)").run(tokenHash, address, now, expiresAt);
    return { token, session: { address, expiresAt, tokenHash } };
  }

  /** The live session a request carries (Authorization: Bearer, or the session cookie). */
  fromHeaders(headers: IncomingHttpHeaders, now = Date.now()): Session | null {
    const token = tokenFrom(headers);
    if (!token) return null;
    const tokenHash = hashToken(token);
    const row = this.#db.prepare("SELECT address, expires_at FROM sessions WHERE token_hash = ?").get(tokenHash) as { address: Address; expires_at: number } | undefined;
    if (!row || row.expires_at <= now) return null;
    return { address: row.address, expiresAt: row.expires_at, tokenHash };
  }

  delete(session: Session): void {
    this.#db.prepare("DELETE FROM sessions WHERE token_hash = ?").run(session.tokenHash);
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
