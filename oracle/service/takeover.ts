// A committee member takes the leader's place: its node's state (the manifests it verified, the
// reports it computed, its dedup state) becomes a new oracle data folder, so the oracle started on
// it continues the same log at the same sequence. Every imported submission is a job waiting to
// publish: the oracle's publish finds those already on chain (posted by the old leader or anyone)
// and marks them accepted without sending; the others it gets co-signed and posts. A contributor
// who uploads again the same files finds the imported job (same upload key), so nothing counts
// twice; an upload the old leader never got co-signed is simply processed again.
import { randomUUID } from "node:crypto";
import { cpSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { Manifest } from "../manifest/schema.ts";
import type { Report } from "../pipeline/run/report.ts";
import { Database } from "./database/database.ts";
import { insertContents } from "./jobs/job-store.ts";
import type { StoredSubmission } from "./sink.ts";
import { uploadKey } from "./uploads/routes.ts";
import { OneTTError } from "../protocol/errors.ts";

export class TakeoverError extends OneTTError {
  static override readonly code = "takeover_refused";
  override name = "TakeoverError";
}

/**
 * Writes a new oracle data folder (and its database: the embedded one in it, or `databaseUrl`)
 * from a member's state folder; returns how many submissions it imported.
 */
export async function takeOver({ memberState, dataDir, databaseUrl = null }: { memberState: string; dataDir: string; databaseUrl?: string | null }): Promise<number> {
  const nodeDb = join(memberState, "node.db");
  if (!existsSync(nodeDb)) throw new TakeoverError(`${memberState} is not a committee node's state folder (it has no node.db)`);
  if (existsSync(join(memberState, "dedup", "lock"))) throw new TakeoverError(`the node that owns ${memberState} is still running (its dedup state is locked): stop it first`);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new TakeoverError(`${dataDir} is not empty: give the new oracle an empty data folder`);
  const source = new DatabaseSync(nodeDb, { readOnly: true });
  const rows = source.prepare("SELECT sequence, cid, manifest, report FROM verified ORDER BY sequence").all() as { sequence: number; cid: string; manifest: string; report: string }[];
  source.close();

  cpSync(join(memberState, "dedup"), join(dataDir, "state"), { recursive: true });
  const db = await Database.open({ url: databaseUrl, embeddedDir: join(dataDir, "postgres") });
  try {
    await db.transaction(async (tx) => {
      if ((await tx.query("SELECT 1 FROM jobs LIMIT 1")).rowCount) throw new TakeoverError(`the database ${db.location} already holds jobs: give the new oracle an empty database`);
      for (const row of rows) {
        const m = JSON.parse(row.manifest) as Manifest;
        const report = JSON.parse(row.report) as Report;
        const id = randomUUID();
        const now = Date.now();
        const stored: StoredSubmission = {
          manifestCid: row.cid,
          keysCid: m.data.encryption?.keys,
          privateKeysCid: m.data.encryption?.privateKeys,
          rawCids: m.data.raw.map((f) => f.cid),
          filteredCid: m.data.filtered.cid,
          reportCid: m.data.report.cid,
          tokens: m.tokens.added,
          cumulativeTokens: m.tokens.cumulative,
        };
        const bytes = m.data.raw.reduce((sum, f) => sum + f.plaintextBytes, 0);
        await tx.query(
          `INSERT INTO jobs (id, contributor, upload_key, state, stage, attempts, bytes, created_at, updated_at, started_at, sequence, stored, report, documents, tokens)
           VALUES ($1, $2, $3, 'processing', 'publishing', 1, $4, $5, $5, $5, $6, $7, $8, $9, $10)`,
          [id, m.contributor, uploadKey(m.data.raw.map((f) => f.plaintextSha256)), bytes, now, row.sequence, JSON.stringify(stored), row.report, m.summary.documents.out, m.tokens.added],
        );
        for (const [i, f] of m.data.raw.entries()) {
          await tx.query("INSERT INTO uploads (job_id, position, name, bytes, sha256) VALUES ($1, $2, $3, $4, $5)", [id, i, report.submission.inputs[i]?.name ?? `file-${i}`, f.plaintextBytes, f.plaintextSha256]);
        }
        await insertContents(tx, id, stored);
      }
    });
  } finally {
    await db.close();
  }
  return rows.length;
}
