// The relayer's memory across crashes: every transaction it signs is written here (hash and raw
// bytes) BEFORE it is broadcast, and every outcome after. On restart the relayer finishes what
// is pending by re-broadcasting the very same signed transaction (same account nonce, same hash),
// so a crash at any moment can never produce a second, different transaction.
//
// One SQLite file (node:sqlite, built into Node 22) per relayer key and data folder; one process
// at a time (the relayer takes no lock).
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { Address, Hex } from "viem";

export type AttemptStatus =
  /** Signed and written; broadcast or about to be. Its receipt decides. */
  | "sent"
  | "confirmed"
  | "reverted"
  /** The node lost it and its account nonce went to another transaction. */
  | "dropped"
  /** Not sent: the contributor's on-chain nonce had already reached this attestation's. */
  | "skipped";

export interface Attempt {
  id: number;
  attestationHash: Hex;
  chainId: number;
  splitter: Address;
  contributor: Address;
  nonce: bigint;
  transactionHash: Hex | null;
  rawTransaction: Hex | null;
  status: AttemptStatus;
  blockNumber: bigint | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: number;
  attestation_hash: string;
  chain_id: number;
  splitter: string;
  contributor: string;
  nonce: string;
  tx_hash: string | null;
  raw_tx: string | null;
  status: string;
  block_number: string | null;
  error: string | null;
  created_at: number;
  updated_at: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  attestation_hash TEXT NOT NULL,
  chain_id INTEGER NOT NULL,
  splitter TEXT NOT NULL,
  contributor TEXT NOT NULL,
  nonce TEXT NOT NULL,
  tx_hash TEXT,
  raw_tx TEXT,
  status TEXT NOT NULL CHECK (status IN ('sent', 'confirmed', 'reverted', 'dropped', 'skipped')),
  block_number TEXT,
  error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_by_attestation ON attempts (attestation_hash);
CREATE INDEX IF NOT EXISTS attempts_by_status ON attempts (status);
`;

function toAttempt(r: Row): Attempt {
  return {
    id: r.id,
    attestationHash: r.attestation_hash as Hex,
    chainId: r.chain_id,
    splitter: r.splitter as Address,
    contributor: r.contributor as Address,
    nonce: BigInt(r.nonce),
    transactionHash: r.tx_hash as Hex | null,
    rawTransaction: r.raw_tx as Hex | null,
    status: r.status as AttemptStatus,
    blockNumber: r.block_number === null ? null : BigInt(r.block_number),
    error: r.error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface NewAttempt {
  attestationHash: Hex;
  chainId: number;
  splitter: Address;
  contributor: Address;
  nonce: bigint;
  transactionHash?: Hex;
  rawTransaction?: Hex;
  status: AttemptStatus;
  error?: string;
}

export interface AttemptLogOptions {
  /** Told every status written (each insert and update), e.g. to count outcomes. */
  onStatus?: (status: AttemptStatus) => void;
}

export class AttemptLog {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #onStatus: (status: AttemptStatus) => void;

  private constructor(path: string, db: DatabaseSync, options: AttemptLogOptions) {
    this.path = path;
    this.#db = db;
    this.#onStatus = options.onStatus ?? (() => {});
  }

  /** Opens (creating if needed) the log at `path`; ":memory:" for a throwaway one. */
  static open(path: string, options: AttemptLogOptions = {}): AttemptLog {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const db = new DatabaseSync(path);
    // WAL + FULL: a row written before a broadcast survives a power cut.
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;");
    db.exec(SCHEMA);
    return new AttemptLog(path, db, options);
  }

  insert(a: NewAttempt): Attempt {
    const now = Date.now();
    const row = this.#db
      .prepare(
        `INSERT INTO attempts (attestation_hash, chain_id, splitter, contributor, nonce, tx_hash, raw_tx, status, error, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(a.attestationHash, a.chainId, a.splitter, a.contributor, a.nonce.toString(), a.transactionHash ?? null, a.rawTransaction ?? null, a.status, a.error ?? null, now, now) as unknown as Row;
    this.#onStatus(a.status);
    return toAttempt(row);
  }

  update(id: number, change: { status: AttemptStatus; blockNumber?: bigint; error?: string | null }): void {
    this.#db
      .prepare("UPDATE attempts SET status = ?, block_number = COALESCE(?, block_number), error = ?, updated_at = ? WHERE id = ?")
      .run(change.status, change.blockNumber?.toString() ?? null, change.error ?? null, Date.now(), id);
    this.#onStatus(change.status);
  }

  /** Every attempt for one attestation, oldest first. */
  forAttestation(attestationHash: Hex): Attempt[] {
    return (this.#db.prepare("SELECT * FROM attempts WHERE attestation_hash = ? ORDER BY id").all(attestationHash) as unknown as Row[]).map(toAttempt);
  }

  /** Transactions whose outcome is not known yet, oldest first. */
  pending(): Attempt[] {
    return (this.#db.prepare("SELECT * FROM attempts WHERE status = 'sent' ORDER BY id").all() as unknown as Row[]).map(toAttempt);
  }

  all(): Attempt[] {
    return (this.#db.prepare("SELECT * FROM attempts ORDER BY id").all() as unknown as Row[]).map(toAttempt);
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
