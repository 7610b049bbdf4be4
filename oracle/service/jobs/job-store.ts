// The jobs and uploads tables: every read and write of a job goes through here.
//
// state  queued -> processing -> accepted | failed
// stage  (within processing) reading -> finishing -> storing -> committing -> publishing -> done
//
// `sequence` and `stored` are written together with stage "committing", before the dedup
// state's commit; see queue.ts for how a restart uses them.
import { randomUUID } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import type { Address, Hex } from "viem";
import type { Report } from "../../pipeline/run/report.ts";
import type { JobProgress, JobStage, JobState } from "../../protocol/oracle-api.ts";
import { transaction } from "../db.ts";
import type { JobError } from "../errors.ts";
import type { StoredSubmission } from "../sink.ts";
import type { KeptOrigins } from "./origins.ts";
import { countsOnly } from "./report-counts.ts";

export type ContentKind = "manifest" | "keys" | "report" | "filtered" | "raw";
export type { JobProgress, JobStage, JobState };

export interface UploadFile {
  position: number;
  name: string;
  bytes: number;
  sha256: string;
}

export interface Job {
  id: string;
  contributor: Address;
  uploadKey: string;
  state: JobState;
  stage: JobStage;
  attempts: number;
  bytes: number;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  retryAt: number | null;
  sequence: number | null;
  stored: StoredSubmission | null;
  /** Where its accepted documents came from (null for jobs recorded before origins were kept). */
  origins: KeptOrigins | null;
  attestation: unknown | null;
  report: Report | null;
  progress: JobProgress | null;
  documents: number | null;
  tokens: number | null;
  error: JobError | null;
  files: UploadFile[];
  /** The contributor's reader key when the upload was made (the data key is wrapped for it). */
  readerKey: Hex | null;
}

type Row = Record<string, string | number | null>;

const json = <T>(v: unknown): T | null => (typeof v === "string" ? (JSON.parse(v) as T) : null);

/** The origins ride in the stored column's JSON beside what the sink stored; the sink never sees them. */
function storedAndOrigins(column: unknown): { stored: StoredSubmission | null; origins: KeptOrigins | null } {
  const parsed = json<StoredSubmission & { origins?: KeptOrigins }>(column);
  if (!parsed) return { stored: null, origins: null };
  const { origins = null, ...stored } = parsed;
  return { stored, origins };
}

export class JobStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  #toJob(row: Row): Job {
    const files = this.#db
      .prepare("SELECT position, name, bytes, sha256 FROM uploads WHERE job_id = ? ORDER BY position")
      .all(row.id as string) as unknown as UploadFile[];
    return {
      id: row.id as string,
      contributor: row.contributor as Address,
      uploadKey: row.upload_key as string,
      state: row.state as JobState,
      stage: row.stage as JobStage,
      attempts: row.attempts as number,
      bytes: row.bytes as number,
      createdAt: row.created_at as number,
      updatedAt: row.updated_at as number,
      startedAt: row.started_at as number | null,
      finishedAt: row.finished_at as number | null,
      retryAt: row.retry_at as number | null,
      sequence: row.sequence as number | null,
      ...storedAndOrigins(row.stored),
      attestation: json<unknown>(row.attestation),
      report: json<Report>(row.report),
      progress: json<JobProgress>(row.progress),
      documents: row.documents as number | null,
      tokens: row.tokens as number | null,
      error: json<JobError>(row.error),
      files,
      readerKey: row.reader_key as Hex | null,
    };
  }

  get(id: string): Job | null {
    const row = this.#db.prepare("SELECT * FROM jobs WHERE id = ?").get(id) as Row | undefined;
    return row ? this.#toJob(row) : null;
  }

  /** When the contributor's jobs made since `since` were made, oldest first. */
  createdSince(contributor: Address, since: number): number[] {
    return (this.#db.prepare("SELECT created_at FROM jobs WHERE contributor = ? AND created_at >= ? ORDER BY created_at").all(contributor, since) as { created_at: number }[]).map((r) => r.created_at);
  }

  /** The job for these bytes from this contributor that has not failed, if any. */
  findActive(contributor: Address, uploadKey: string): Job | null {
    const row = this.#db
      .prepare("SELECT * FROM jobs WHERE contributor = ? AND upload_key = ? AND state != 'failed'")
      .get(contributor, uploadKey) as Row | undefined;
    return row ? this.#toJob(row) : null;
  }

  /**
   * Records a new queued job and its files, or returns the active job with the same upload key
   * (then `created` is false). Atomic, so two identical uploads at once make one job.
   */
  create(contributor: Address, uploadKey: string, files: Omit<UploadFile, "position">[], readerKey: Hex, id: string = randomUUID()): { job: Job; created: boolean } {
    return transaction(this.#db, () => {
      const existing = this.findActive(contributor, uploadKey);
      if (existing) return { job: existing, created: false };
      const now = Date.now();
      const bytes = files.reduce((n, f) => n + f.bytes, 0);
      this.#db
        .prepare("INSERT INTO jobs (id, contributor, upload_key, state, stage, bytes, created_at, updated_at, reader_key) VALUES (?, ?, ?, 'queued', 'queued', ?, ?, ?, ?)")
        .run(id, contributor, uploadKey, bytes, now, now, readerKey);
      const insert = this.#db.prepare("INSERT INTO uploads (job_id, position, name, bytes, sha256) VALUES (?, ?, ?, ?, ?)");
      files.forEach((f, i) => insert.run(id, i, f.name, f.bytes, f.sha256));
      return { job: this.get(id)!, created: true };
    });
  }

  /** The next job to work on: one waiting to publish (and due), else the oldest queued. */
  next(now = Date.now()): Job | null {
    const row = (this.#db
      .prepare("SELECT * FROM jobs WHERE state = 'processing' AND stage = 'publishing' AND (retry_at IS NULL OR retry_at <= ?) ORDER BY sequence LIMIT 1")
      .get(now) ??
      this.#db.prepare("SELECT * FROM jobs WHERE state = 'queued' ORDER BY created_at, rowid LIMIT 1").get()) as Row | undefined;
    return row ? this.#toJob(row) : null;
  }

  /** When the earliest publishing retry is due (null if none waits). */
  nextRetryAt(): number | null {
    const row = this.#db.prepare("SELECT MIN(retry_at) AS at FROM jobs WHERE state = 'processing' AND stage = 'publishing'").get() as { at: number | null };
    return row.at;
  }

  processing(): Job[] {
    return (this.#db.prepare("SELECT * FROM jobs WHERE state = 'processing' ORDER BY created_at").all() as Row[]).map((r) => this.#toJob(r));
  }

  /** queued -> processing (stage reading), counting the attempt. */
  start(id: string): void {
    const now = Date.now();
    this.#db
      .prepare("UPDATE jobs SET state = 'processing', stage = 'reading', attempts = attempts + 1, started_at = ?, updated_at = ?, error = NULL, progress = NULL WHERE id = ? AND state = 'queued'")
      .run(now, now, id);
  }

  setStage(id: string, stage: JobStage): void {
    this.#db.prepare("UPDATE jobs SET stage = ?, updated_at = ? WHERE id = ?").run(stage, Date.now(), id);
  }

  saveProgress(id: string, progress: JobProgress): void {
    this.#db.prepare("UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ?").run(JSON.stringify(progress), Date.now(), id);
  }

  /** Stage committing: the log position and what the sink stored, written before the state's commit. */
  recordCommitting(id: string, sequence: number, stored: StoredSubmission, report: Report, origins: KeptOrigins | null = null): void {
    transaction(this.#db, () => {
      this.#db
        .prepare("UPDATE jobs SET stage = 'committing', sequence = ?, stored = ?, report = ?, documents = ?, tokens = ?, updated_at = ? WHERE id = ?")
        .run(sequence, JSON.stringify(origins ? { ...stored, origins } : stored), JSON.stringify(countsOnly(report)), report.documents.out, report.tokens.out, Date.now(), id);
      const insert = this.#db.prepare("INSERT OR IGNORE INTO contents (cid, job_id, kind) VALUES (?, ?, ?)");
      if (stored.manifestCid) insert.run(stored.manifestCid, id, "manifest");
      if (stored.keysCid) insert.run(stored.keysCid, id, "keys");
      if (stored.privateKeysCid) insert.run(stored.privateKeysCid, id, "keys");
      insert.run(stored.reportCid, id, "report");
      insert.run(stored.filteredCid, id, "filtered");
      for (const cid of stored.rawCids) insert.run(cid, id, "raw");
    });
  }

  #forgetStored(id: string): void {
    this.#db.prepare("DELETE FROM contents WHERE job_id = ?").run(id);
  }

  accept(id: string, attestation: unknown | null): void {
    const now = Date.now();
    this.#db
      .prepare("UPDATE jobs SET state = 'accepted', stage = 'done', attestation = ?, error = NULL, retry_at = NULL, finished_at = ?, updated_at = ? WHERE id = ?")
      .run(attestation === null ? null : JSON.stringify(attestation), now, now, id);
  }

  /** Fails a job that has not been committed; keeps the report when there is one. */
  fail(id: string, error: JobError, report: Report | null = null): void {
    const now = Date.now();
    this.#forgetStored(id);
    this.#db
      .prepare("UPDATE jobs SET state = 'failed', stage = 'done', sequence = NULL, stored = NULL, error = ?, report = COALESCE(?, report), finished_at = ?, updated_at = ? WHERE id = ? AND state != 'accepted'")
      .run(JSON.stringify(error), report === null ? null : JSON.stringify(countsOnly(report)), now, now, id);
  }

  /** Back to the queue (a restart or a shutdown interrupted it before the commit). */
  requeue(id: string, countAttempt: boolean): void {
    this.#forgetStored(id);
    this.#db
      .prepare(`UPDATE jobs SET state = 'queued', stage = 'queued', sequence = NULL, stored = NULL, progress = NULL, ${countAttempt ? "" : "attempts = MAX(attempts - 1, 0), "}updated_at = ? WHERE id = ?`)
      .run(Date.now(), id);
  }

  /**
   * A committed job whose count the committee refused: failed for good, nothing attested. It keeps
   * its sequence (its manifest is in the log) and records what was asked and who refused why.
   */
  refuse(id: string, error: JobError, attestation: unknown): void {
    const now = Date.now();
    this.#db
      .prepare("UPDATE jobs SET state = 'failed', stage = 'done', error = ?, attestation = ?, retry_at = NULL, finished_at = ?, updated_at = ? WHERE id = ? AND state = 'processing'")
      .run(JSON.stringify(error), JSON.stringify(attestation), now, now, id);
  }

  /** A publish that failed: recorded, retried at `retryAt`. The job stays committed. */
  publishFailed(id: string, error: JobError, retryAt: number): void {
    this.#db.prepare("UPDATE jobs SET error = ?, retry_at = ?, updated_at = ? WHERE id = ?").run(JSON.stringify(error), retryAt, Date.now(), id);
  }

  listForContributor(contributor: Address, limit: number, states?: JobState[]): Job[] {
    const filter = states ? ` AND state IN (${states.map(() => "?").join(", ")})` : "";
    return (this.#db
      .prepare(`SELECT * FROM jobs WHERE contributor = ?${filter} ORDER BY created_at DESC, rowid DESC LIMIT ?`)
      .all(contributor, ...(states ?? []), limit) as Row[]).map((r) => this.#toJob(r));
  }

  /**
   * The committed jobs whose stored content includes `cid`, with what it is to each. A job the
   * committee refused stays committed: its manifest is in the log, and the evidence of the refusal.
   */
  findByCid(cid: string): { job: Job; kind: ContentKind }[] {
    const rows = this.#db
      .prepare("SELECT jobs.*, contents.kind AS content_kind FROM contents JOIN jobs ON jobs.id = contents.job_id WHERE contents.cid = ? AND (jobs.state IN ('processing', 'accepted') OR jobs.sequence IS NOT NULL)")
      .all(cid) as Row[];
    return rows.map((row) => ({ job: this.#toJob(row), kind: row.content_kind as ContentKind }));
  }

  /** The contributor's accepted (committed) submissions before `sequence`: count and tokens. */
  contributorTotals(contributor: Address, beforeSequence: number): { submissions: number; tokens: number } {
    const row = this.#db
      .prepare("SELECT COUNT(*) AS n, COALESCE(SUM(tokens), 0) AS t FROM jobs WHERE contributor = ? AND sequence IS NOT NULL AND sequence < ?")
      .get(contributor, beforeSequence) as { n: number; t: number };
    return { submissions: row.n, tokens: row.t };
  }

  bySequence(sequence: number): Job | null {
    const row = this.#db.prepare("SELECT * FROM jobs WHERE sequence = ?").get(sequence) as Row | undefined;
    return row ? this.#toJob(row) : null;
  }

  /** Sequences recorded in jobs, ascending. */
  sequences(): number[] {
    return (this.#db.prepare("SELECT sequence FROM jobs WHERE sequence IS NOT NULL ORDER BY sequence").all() as { sequence: number }[]).map((r) => r.sequence);
  }

  stats(): { byState: Record<JobState, number>; contributors: number; tokens: number; documents: number; bytes: number } {
    const byState: Record<JobState, number> = { queued: 0, processing: 0, accepted: 0, failed: 0 };
    for (const r of this.#db.prepare("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state").all() as { state: JobState; n: number }[]) byState[r.state] = r.n;
    const acc = this.#db
      .prepare("SELECT COUNT(DISTINCT contributor) AS c, COALESCE(SUM(tokens), 0) AS t, COALESCE(SUM(documents), 0) AS d, COALESCE(SUM(bytes), 0) AS b FROM jobs WHERE state = 'accepted'")
      .get() as { c: number; t: number; d: number; b: number };
    return { byState, contributors: acc.c, tokens: acc.t, documents: acc.d, bytes: acc.b };
  }
}
