// The jobs and uploads tables: every read and write of a job goes through here.
//
// state  queued -> processing -> accepted | failed
// stage  (within processing) reading -> finishing -> storing -> committing -> publishing -> done
//
// `sequence` and `stored` are written together with stage "committing", before the dedup
// state's commit; see queue.ts for how a restart uses them.
import { randomUUID } from "node:crypto";
import type { Address, Hex } from "viem";
import type { Report } from "../../pipeline/run/report.ts";
import type { JobProgress, JobStage, JobState } from "../../protocol/oracle-api.ts";
import type { Database, Queryable } from "../database/database.ts";
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

type Row = Record<string, unknown>;

const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

/** The contents a committed job stored, one row each. */
function contentRows(stored: StoredSubmission): [string, ContentKind][] {
  const rows: [string, ContentKind][] = [];
  if (stored.manifestCid) rows.push([stored.manifestCid, "manifest"]);
  if (stored.keysCid) rows.push([stored.keysCid, "keys"]);
  if (stored.privateKeysCid) rows.push([stored.privateKeysCid, "keys"]);
  rows.push([stored.reportCid, "report"], [stored.filteredCid, "filtered"]);
  for (const cid of stored.rawCids) rows.push([cid, "raw"]);
  return rows;
}

/** Records what a committed job stored (idempotent). */
export async function insertContents(db: Queryable, jobId: string, stored: StoredSubmission): Promise<void> {
  const rows = contentRows(stored);
  await db.query(
    "INSERT INTO contents (cid, job_id, kind) SELECT cid, $1, kind FROM unnest($2::text[], $3::text[]) AS c(cid, kind) ON CONFLICT DO NOTHING",
    [jobId, rows.map((r) => r[0]), rows.map((r) => r[1])],
  );
}

export interface JobStoreOptions {
  /** Runs in the transaction that records a new job (the runner's work item is written with it). */
  onCreated?: (tx: Queryable, jobId: string) => Promise<void>;
}

/** The origins ride in the stored column's JSON beside what the sink stored; the sink never sees them. */
function storedAndOrigins(column: unknown): { stored: StoredSubmission | null; origins: KeptOrigins | null } {
  const parsed = column as (StoredSubmission & { origins?: KeptOrigins }) | null;
  if (!parsed) return { stored: null, origins: null };
  const { origins = null, ...stored } = parsed;
  return { stored, origins };
}

export class JobStore {
  readonly #db: Database;
  readonly #onCreated: JobStoreOptions["onCreated"];

  constructor(db: Database, { onCreated }: JobStoreOptions = {}) {
    this.#db = db;
    this.#onCreated = onCreated;
  }

  async #toJobs(rows: Row[], db: Queryable = this.#db): Promise<Job[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id as string);
    const files = new Map<string, UploadFile[]>(ids.map((id) => [id, []]));
    const { rows: uploads } = await db.query<UploadFile & { job_id: string }>("SELECT job_id, position, name, bytes, sha256 FROM uploads WHERE job_id = ANY($1) ORDER BY job_id, position", [ids]);
    for (const { job_id, ...f } of uploads) files.get(job_id)!.push(f);
    return rows.map((row) => ({
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
      attestation: row.attestation as unknown | null,
      report: row.report as Report | null,
      progress: row.progress as JobProgress | null,
      documents: row.documents as number | null,
      tokens: row.tokens as number | null,
      error: row.error as JobError | null,
      files: files.get(row.id as string)!,
      readerKey: row.reader_key as Hex | null,
    }));
  }

  async #one(sql: string, params: unknown[], db: Queryable = this.#db): Promise<Job | null> {
    const { rows } = await db.query<Row>(sql, params);
    return rows.length ? (await this.#toJobs(rows.slice(0, 1), db))[0] : null;
  }

  async #many(sql: string, params: unknown[]): Promise<Job[]> {
    return this.#toJobs((await this.#db.query<Row>(sql, params)).rows);
  }

  get(id: string): Promise<Job | null> {
    return this.#one("SELECT * FROM jobs WHERE id = $1", [id]);
  }

  /** When the contributor's jobs made since `since` were made, oldest first. */
  async createdSince(contributor: Address, since: number): Promise<number[]> {
    const { rows } = await this.#db.query<{ created_at: number }>("SELECT created_at FROM jobs WHERE contributor = $1 AND created_at >= $2 ORDER BY created_at", [contributor, since]);
    return rows.map((r) => r.created_at);
  }

  /** The job for these bytes from this contributor that has not failed, if any. */
  findActive(contributor: Address, uploadKey: string, db: Queryable = this.#db): Promise<Job | null> {
    return this.#one("SELECT * FROM jobs WHERE contributor = $1 AND upload_key = $2 AND state <> 'failed'", [contributor, uploadKey], db);
  }

  /**
   * Records a new queued job and its files, or returns the active job with the same upload key
   * (then `created` is false). Atomic, so two identical uploads at once (even to two API
   * processes) make one job: the unique index on active jobs decides.
   */
  create(contributor: Address, uploadKey: string, files: Omit<UploadFile, "position">[], readerKey: Hex, id: string = randomUUID()): Promise<{ job: Job; created: boolean }> {
    return this.#db.transaction(async (tx) => {
      const now = Date.now();
      const bytes = files.reduce((n, f) => n + f.bytes, 0);
      const inserted = await tx.query(
        `INSERT INTO jobs (id, contributor, upload_key, state, stage, bytes, created_at, updated_at, reader_key) VALUES ($1, $2, $3, 'queued', 'queued', $4, $5, $5, $6)
         ON CONFLICT (contributor, upload_key) WHERE state <> 'failed' DO NOTHING`,
        [id, contributor, uploadKey, bytes, now, readerKey],
      );
      if (inserted.rowCount === 0) return { job: (await this.findActive(contributor, uploadKey, tx))!, created: false };
      await tx.query(
        "INSERT INTO uploads (job_id, position, name, bytes, sha256) SELECT $1, p - 1, name, bytes, sha256 FROM unnest($2::text[], $3::bigint[], $4::text[]) WITH ORDINALITY AS f(name, bytes, sha256, p)",
        [id, files.map((f) => f.name), files.map((f) => f.bytes), files.map((f) => f.sha256)],
      );
      await this.#onCreated?.(tx, id);
      return { job: (await this.#one("SELECT * FROM jobs WHERE id = $1", [id], tx))!, created: true };
    });
  }

  /** The jobs waiting for the runner: queued ones in the order they came, and committed ones to publish (with when). */
  async toRun(): Promise<{ id: string; publish: boolean; at: number | null }[]> {
    const queued = await this.#db.query<{ id: string }>("SELECT id FROM jobs WHERE state = 'queued' ORDER BY created_at, arrival");
    const publishing = await this.#db.query<{ id: string; retry_at: number | null }>("SELECT id, retry_at FROM jobs WHERE state = 'processing' AND stage = 'publishing' ORDER BY sequence");
    return [...queued.rows.map((r) => ({ id: r.id, publish: false, at: null })), ...publishing.rows.map((r) => ({ id: r.id, publish: true, at: r.retry_at }))];
  }

  processing(): Promise<Job[]> {
    return this.#many("SELECT * FROM jobs WHERE state = 'processing' ORDER BY created_at, arrival", []);
  }

  /** queued -> processing (stage reading), counting the attempt. */
  async start(id: string): Promise<void> {
    const now = Date.now();
    await this.#db.query("UPDATE jobs SET state = 'processing', stage = 'reading', attempts = attempts + 1, started_at = $1, updated_at = $1, error = NULL, progress = NULL WHERE id = $2 AND state = 'queued'", [now, id]);
  }

  async setStage(id: string, stage: JobStage): Promise<void> {
    await this.#db.query("UPDATE jobs SET stage = $1, updated_at = $2 WHERE id = $3", [stage, Date.now(), id]);
  }

  async saveProgress(id: string, progress: JobProgress): Promise<void> {
    await this.#db.query("UPDATE jobs SET progress = $1, updated_at = $2 WHERE id = $3", [json(progress), Date.now(), id]);
  }

  /** Stage committing: the log position and what the sink stored, written before the state's commit. */
  recordCommitting(id: string, sequence: number, stored: StoredSubmission, report: Report, origins: KeptOrigins | null = null): Promise<void> {
    return this.#db.transaction(async (tx) => {
      await tx.query(
        "UPDATE jobs SET stage = 'committing', sequence = $1, stored = $2, report = $3, documents = $4, tokens = $5, updated_at = $6 WHERE id = $7",
        [sequence, json(origins ? { ...stored, origins } : stored), json(countsOnly(report)), report.documents.out, report.tokens.out, Date.now(), id],
      );
      await insertContents(tx, id, stored);
    });
  }

  async accept(id: string, attestation: unknown | null): Promise<void> {
    const now = Date.now();
    await this.#db.query("UPDATE jobs SET state = 'accepted', stage = 'done', attestation = $1, error = NULL, retry_at = NULL, finished_at = $2, updated_at = $2 WHERE id = $3", [json(attestation), now, id]);
  }

  /** Fails a job that has not been committed; keeps the report when there is one. */
  fail(id: string, error: JobError, report: Report | null = null): Promise<void> {
    const now = Date.now();
    return this.#db.transaction(async (tx) => {
      await tx.query("DELETE FROM contents WHERE job_id = $1", [id]);
      await tx.query(
        "UPDATE jobs SET state = 'failed', stage = 'done', sequence = NULL, stored = NULL, error = $1, report = COALESCE($2, report), finished_at = $3, updated_at = $3 WHERE id = $4 AND state <> 'accepted'",
        [json(error), report === null ? null : json(countsOnly(report)), now, id],
      );
    });
  }

  /** Back to the queue (a restart or a shutdown interrupted it before the commit). */
  requeue(id: string, countAttempt: boolean): Promise<void> {
    return this.#db.transaction(async (tx) => {
      await tx.query("DELETE FROM contents WHERE job_id = $1", [id]);
      await tx.query(
        `UPDATE jobs SET state = 'queued', stage = 'queued', sequence = NULL, stored = NULL, progress = NULL, ${countAttempt ? "" : "attempts = GREATEST(attempts - 1, 0), "}updated_at = $1 WHERE id = $2`,
        [Date.now(), id],
      );
    });
  }

  /**
   * A committed job whose count the committee refused: failed for good, nothing attested. It keeps
   * its sequence (its manifest is in the log) and records what was asked and who refused why.
   */
  async refuse(id: string, error: JobError, attestation: unknown): Promise<void> {
    const now = Date.now();
    await this.#db.query(
      "UPDATE jobs SET state = 'failed', stage = 'done', error = $1, attestation = $2, retry_at = NULL, finished_at = $3, updated_at = $3 WHERE id = $4 AND state = 'processing'",
      [json(error), json(attestation), now, id],
    );
  }

  /** A publish that failed: recorded, retried at `retryAt`. The job stays committed. */
  async publishFailed(id: string, error: JobError, retryAt: number): Promise<void> {
    await this.#db.query("UPDATE jobs SET error = $1, retry_at = $2, updated_at = $3 WHERE id = $4", [json(error), retryAt, Date.now(), id]);
  }

  listForContributor(contributor: Address, limit: number, states?: JobState[]): Promise<Job[]> {
    return this.#many(
      `SELECT * FROM jobs WHERE contributor = $1${states ? " AND state = ANY($3)" : ""} ORDER BY created_at DESC, arrival DESC LIMIT $2`,
      states ? [contributor, limit, states] : [contributor, limit],
    );
  }

  /**
   * The committed jobs whose stored content includes `cid`, with what it is to each. A job the
   * committee refused stays committed: its manifest is in the log, and the evidence of the refusal.
   */
  async findByCid(cid: string): Promise<{ job: Job; kind: ContentKind }[]> {
    const { rows } = await this.#db.query<Row>(
      "SELECT jobs.*, contents.kind AS content_kind FROM contents JOIN jobs ON jobs.id = contents.job_id WHERE contents.cid = $1 AND (jobs.state IN ('processing', 'accepted') OR jobs.sequence IS NOT NULL) ORDER BY jobs.arrival",
      [cid],
    );
    const jobs = await this.#toJobs(rows);
    return rows.map((row, i) => ({ job: jobs[i], kind: row.content_kind as ContentKind }));
  }

  /** The contributor's accepted (committed) submissions before `sequence`: count and tokens. */
  async contributorTotals(contributor: Address, beforeSequence: number): Promise<{ submissions: number; tokens: number }> {
    const { rows } = await this.#db.query<{ n: number; t: number }>(
      "SELECT COUNT(*)::bigint AS n, COALESCE(SUM(tokens), 0)::bigint AS t FROM jobs WHERE contributor = $1 AND sequence IS NOT NULL AND sequence < $2",
      [contributor, beforeSequence],
    );
    return { submissions: rows[0].n, tokens: rows[0].t };
  }

  bySequence(sequence: number): Promise<Job | null> {
    return this.#one("SELECT * FROM jobs WHERE sequence = $1", [sequence]);
  }

  /** Submissions past their commit (publishing or accepted), as a process that is not the runner sees them. */
  async committedCount(): Promise<number> {
    const { rows } = await this.#db.query<{ n: number }>("SELECT COUNT(*)::bigint AS n FROM jobs WHERE sequence IS NOT NULL AND stage IN ('publishing', 'done')");
    return rows[0].n;
  }

  /** Sequences recorded in jobs, ascending. */
  async sequences(): Promise<number[]> {
    return (await this.#db.query<{ sequence: number }>("SELECT sequence FROM jobs WHERE sequence IS NOT NULL ORDER BY sequence")).rows.map((r) => r.sequence);
  }

  async countByState(): Promise<Record<JobState, number>> {
    const byState: Record<JobState, number> = { queued: 0, processing: 0, accepted: 0, failed: 0 };
    for (const r of (await this.#db.query<{ state: JobState; n: number }>("SELECT state, COUNT(*)::bigint AS n FROM jobs GROUP BY state")).rows) byState[r.state] = r.n;
    return byState;
  }

  async stats(): Promise<{ byState: Record<JobState, number>; contributors: number; tokens: number; documents: number; bytes: number }> {
    const byState = await this.countByState();
    const { rows } = await this.#db.query<{ c: number; t: number; d: number; b: number }>(
      "SELECT COUNT(DISTINCT contributor)::bigint AS c, COALESCE(SUM(tokens), 0)::bigint AS t, COALESCE(SUM(documents), 0)::bigint AS d, COALESCE(SUM(bytes), 0)::bigint AS b FROM jobs WHERE state = 'accepted'",
    );
    return { byState, contributors: rows[0].c, tokens: rows[0].t, documents: rows[0].d, bytes: rows[0].b };
  }
}
