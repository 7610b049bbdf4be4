// A committee node's own state, in its own folder: the manifests it verified, in sequence order,
// with each contributor's position after them (node.db, node:sqlite), and the dedup state its
// pipeline carries from submission to submission (dedup/, the pipeline's PipelineState).
//
// A submission is recorded in node.db first, then committed to the dedup state. Opening finds a
// row whose commit did not happen (a crash between the two) and drops it, so that submission is
// replayed again; a dedup state ahead of node.db is refused (restore both from one backup).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { Manifest } from "../manifest/schema.ts";
import type { ResolvedPipeline } from "../pipeline/process.ts";
import type { Report } from "../protocol/report.ts";
import { PipelineState, StateError } from "../ledger/state.ts";
import { ContributorPositions } from "../audit/verify-submission.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS verified (
  sequence INTEGER PRIMARY KEY,
  cid TEXT NOT NULL UNIQUE,
  manifest TEXT NOT NULL,
  -- The report this member computed (equal to the leader's: its commitment was checked).
  report TEXT NOT NULL,
  verified_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS refusals (
  cid TEXT PRIMARY KEY,
  sequence INTEGER NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS requests (
  id TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
`;

export interface VerifiedSubmission {
  sequence: number;
  cid: string;
  manifest: Manifest;
}

export class NodeState {
  readonly dir: string;
  readonly positions = new ContributorPositions();
  #db: DatabaseSync;
  #dedup: PipelineState;
  #verified: VerifiedSubmission[] = [];

  private constructor(dir: string, db: DatabaseSync, dedup: PipelineState) {
    this.dir = dir;
    this.#db = db;
    this.#dedup = dedup;
    const rows = db.prepare("SELECT sequence, cid, manifest FROM verified ORDER BY sequence").all() as { sequence: number; cid: string; manifest: string }[];
    for (const r of rows) {
      const manifest = JSON.parse(r.manifest) as Manifest;
      this.#verified.push({ sequence: r.sequence, cid: r.cid, manifest });
      this.positions.advance(manifest);
    }
  }

  static open(dir: string, pipeline: ResolvedPipeline): NodeState {
    mkdirSync(join(dir, "dedup"), { recursive: true });
    const db = new DatabaseSync(join(dir, "node.db"));
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
    db.exec(SCHEMA);
    const dedup = PipelineState.open(join(dir, "dedup"), pipeline);
    const rows = (db.prepare("SELECT COUNT(*) AS n FROM verified").get() as { n: number }).n;
    if (dedup.sequence > rows) {
      dedup.release();
      db.close();
      throw new StateError(`the dedup state in ${join(dir, "dedup")} holds ${dedup.sequence} submissions but node.db records ${rows}: they are from different runs. Restore both from one backup, or empty the folder to replay from the first manifest.`);
    }
    if (rows === dedup.sequence + 1) db.prepare("DELETE FROM verified WHERE sequence = ?").run(dedup.sequence);
    else if (rows > dedup.sequence + 1) {
      dedup.release();
      db.close();
      throw new StateError(`node.db records ${rows} submissions but the dedup state only ${dedup.sequence}: restore both from one backup, or empty the folder to replay from the first manifest.`);
    }
    return new NodeState(dir, db, dedup);
  }

  /** The dedup index the next replay runs against (it adds to it: commit or roll back after). */
  get index() {
    return this.#dedup.index;
  }

  get count(): number {
    return this.#verified.length;
  }

  get last(): VerifiedSubmission | null {
    return this.#verified.at(-1) ?? null;
  }

  at(sequence: number): VerifiedSubmission | null {
    return this.#verified[sequence] ?? null;
  }

  /** Records a verified submission: node.db first, then the dedup state (see the header). */
  commit(cid: string, manifest: Manifest, report: Report, accepted: Uint32Array): void {
    this.#db.prepare("INSERT INTO verified (sequence, cid, manifest, report, verified_at) VALUES (?, ?, ?, ?, ?)").run(manifest.sequence, cid, JSON.stringify(manifest), JSON.stringify(report), Date.now());
    this.#dedup.commit(report, accepted);
    this.#db.prepare("DELETE FROM refusals WHERE cid = ?").run(cid);
    this.#verified.push({ sequence: manifest.sequence, cid, manifest });
    this.positions.advance(manifest);
  }

  /** Drops what a failed replay added to the in-memory index by reading the dedup state back. */
  rollback(pipeline: ResolvedPipeline): void {
    const dir = this.#dedup.dir;
    this.#dedup.release();
    this.#dedup = PipelineState.open(dir, pipeline);
  }

  /** Remembers why a manifest was refused (shown by the status until it is verified). */
  refuse(cid: string, sequence: number, reason: string): void {
    this.#db.prepare("INSERT OR REPLACE INTO refusals (cid, sequence, reason, at) VALUES (?, ?, ?, ?)").run(cid, sequence, reason, Date.now());
  }

  lastRefusal(): { cid: string; sequence: number; reason: string; at: number } | null {
    return (this.#db.prepare("SELECT cid, sequence, reason, at FROM refusals ORDER BY at DESC LIMIT 1").get() as { cid: string; sequence: number; reason: string; at: number } | undefined) ?? null;
  }

  /** Records a request id once; false when it was seen before (a replayed request). */
  claimRequest(id: string, expiresAt: number): boolean {
    const now = Date.now();
    this.#db.prepare("DELETE FROM requests WHERE expires_at < ?").run(now);
    const r = this.#db.prepare("INSERT OR IGNORE INTO requests (id, expires_at) VALUES (?, ?)").run(id, expiresAt);
    return r.changes === 1;
  }

  close(): void {
    this.#dedup.release();
    this.#db.close();
  }
}
