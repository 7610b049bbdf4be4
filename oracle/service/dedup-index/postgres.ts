// The service's dedup index in PostgreSQL (tables in migrations/0012_dedup_index.sql), behind the
// pipeline's DedupLookup: a StagedIndex (pipeline/dedup/staged.ts) whose store reads the rows a
// batch needs in a few batched queries, and whose commit inserts the rows of the documents a
// submission accepted, in the commit's transaction. Nothing is loaded at start: opening reads the
// last stored document, so start-up and commit cost the same at any size of the index.
import { dedupConfigHash, DedupError, resolveDedupConfig, type DedupConfig } from "../../pipeline/dedup/config.ts";
import type { DocRef } from "../../pipeline/dedup/lookup.ts";
import { StagedIndex, type DedupStore, type PendingRows, type StoredDocument, type StoreRequest, type StoreRows } from "../../pipeline/dedup/staged.ts";
import type { Database, Queryable } from "../database/database.ts";

/** Rows per INSERT: bounds one statement's parameters whatever a submission holds. */
const INSERT_ROWS = 50_000;

const signed = (v: number) => v | 0;
const unsigned = (v: number) => v >>> 0;

function signatureOf(bytes: Buffer): Uint16Array {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Uint16Array(copy.buffer);
}

const bytesOf = (signature: Uint16Array) => Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);

interface DocumentRow {
  doc: number;
  submission: number;
  document: number;
  signature: Buffer;
  horizon: number;
}

const documentOf = (r: DocumentRow): StoredDocument => ({
  doc: r.doc,
  ref: { submission: r.submission, document: r.document },
  signature: signatureOf(r.signature),
  horizon: unsigned(r.horizon),
});

class PostgresStore implements DedupStore {
  readonly #db: Queryable;
  constructor(db: Queryable) {
    this.#db = db;
  }

  async read(request: StoreRequest): Promise<StoreRows> {
    const los = [...new Set(Array.from({ length: request.exact.length / 2 }, (_, i) => signed(request.exact[2 * i + 1])))];
    const wanted = new Set(Array.from({ length: request.exact.length / 2 }, (_, i) => `${request.exact[2 * i]}:${request.exact[2 * i + 1]}`));
    const [exact, passages, ...bands] = await Promise.all([
      this.#db.query<{ lo: number; hi: number; doc: number }>("SELECT lo, hi, doc FROM dedup_exact WHERE lo = ANY($1::int4[])", [los]),
      this.#db.query<{ hash: number; doc: number }>("SELECT hash, doc FROM dedup_passages WHERE hash = ANY($1::int4[])", [Array.from(request.passages, signed)]),
      ...request.bands.map((keys, band) =>
        keys.length === 0
          ? Promise.resolve({ rows: [] })
          : this.#db.query<{ key: number; doc: number }>("SELECT key, doc FROM dedup_bands WHERE band = $1 AND key = ANY($2::int4[])", [band, Array.from(keys, signed)]),
      ),
    ]);
    const rows: StoreRows = {
      exact: exact.rows.map((r) => ({ hi: unsigned(r.hi), lo: unsigned(r.lo), doc: r.doc })).filter((r) => wanted.has(`${r.hi}:${r.lo}`)),
      bands: bands.flatMap((b, band) => b.rows.map((r) => ({ band, key: unsigned(r.key), doc: r.doc }))),
      passages: passages.rows.map((r) => ({ hash: unsigned(r.hash), doc: r.doc })),
      documents: [],
    };
    const docs = new Set<number>();
    for (const r of rows.exact) docs.add(r.doc);
    for (const r of rows.bands) docs.add(r.doc);
    for (const r of rows.passages) docs.add(r.doc);
    if (docs.size > 0) {
      const found = await this.#db.query<DocumentRow>(
        "SELECT doc, submission, document, signature, horizon FROM dedup_documents WHERE doc = ANY($1::int8[])",
        [[...docs]],
      );
      rows.documents = found.rows.map(documentOf);
    }
    return rows;
  }
}

/**
 * Inserts rows into the index's tables, a bounded number per statement, each table's rows in its
 * B-tree's key order: consecutive inserts then land on the same or neighbouring leaf pages, which
 * matters once the indexes outgrow the cache (random order would read a page per row).
 */
export async function insertRows(q: Queryable, unsorted: PendingRows): Promise<void> {
  const rows: PendingRows = {
    documents: unsorted.documents,
    exact: [...unsorted.exact].sort((a, b) => signed(a.lo) - signed(b.lo) || signed(a.hi) - signed(b.hi)),
    bands: [...unsorted.bands].sort((a, b) => a.band - b.band || signed(a.key) - signed(b.key) || a.doc - b.doc),
    passages: [...unsorted.passages].sort((a, b) => signed(a.hash) - signed(b.hash)),
  };
  const chunks = <T>(all: T[], write: (part: T[]) => Promise<unknown>) => {
    let done = Promise.resolve();
    for (let i = 0; i < all.length; i += INSERT_ROWS) {
      const part = all.slice(i, i + INSERT_ROWS);
      done = done.then(() => write(part).then(() => {}));
    }
    return done;
  };
  await chunks(rows.documents, (part) =>
    q.query("INSERT INTO dedup_documents (doc, submission, document, signature, horizon) SELECT * FROM unnest($1::int8[], $2::int8[], $3::int8[], $4::bytea[], $5::int4[])", [
      part.map((d) => d.doc), part.map((d) => d.ref.submission), part.map((d) => d.ref.document), part.map((d) => bytesOf(d.signature)), part.map((d) => signed(d.horizon)),
    ]));
  await chunks(rows.exact, (part) =>
    q.query("INSERT INTO dedup_exact (lo, hi, doc) SELECT * FROM unnest($1::int4[], $2::int4[], $3::int8[])", [
      part.map((r) => signed(r.lo)), part.map((r) => signed(r.hi)), part.map((r) => r.doc),
    ]));
  await chunks(rows.bands, (part) =>
    q.query("INSERT INTO dedup_bands (band, key, doc) SELECT * FROM unnest($1::int2[], $2::int4[], $3::int8[])", [
      part.map((r) => r.band), part.map((r) => signed(r.key)), part.map((r) => r.doc),
    ]));
  await chunks(rows.passages, (part) =>
    q.query("INSERT INTO dedup_passages (hash, doc) SELECT * FROM unnest($1::int4[], $2::int8[])", [
      part.map((r) => signed(r.hash)), part.map((r) => r.doc),
    ]));
}

/** Refuses to use rows computed with another dedup config; records the config on first use. */
export async function claimConfig(q: Queryable, config: DedupConfig): Promise<void> {
  const hash = dedupConfigHash(config);
  await q.query("INSERT INTO dedup_index_config (config_hash) VALUES ($1) ON CONFLICT (one) DO NOTHING", [hash]);
  const saved = (await q.query<{ config_hash: string }>("SELECT config_hash FROM dedup_index_config")).rows[0].config_hash;
  if (saved !== hash) {
    throw new DedupError(
      "config_mismatch",
      `the database's dedup index was built with dedup config hash ${saved}, this oracle's config hashes to ${hash}: ` +
        `decisions are only comparable within one config. Use the configuration the index was built with, or another database.`,
    );
  }
}

export class PostgresDedupIndex extends StagedIndex {
  readonly #db: Database;

  private constructor(db: Database, config: DedupConfig, stored: number, last: DocRef | null) {
    super(config, new PostgresStore(db), stored, last);
    this.#db = db;
  }

  /**
   * Opens the index in `db` for `config`, `committed` submissions being in the ledger. Documents
   * of submission `committed` are rows a commit wrote before it failed to finish (its ledger entry
   * never landed): they are removed. Documents of later submissions mean another ledger: refused.
   */
  static async open(db: Database, config: Partial<DedupConfig>, { committed }: { committed: number }): Promise<PostgresDedupIndex> {
    const cfg = resolveDedupConfig(config);
    const lastRow = (q: Queryable) => q.query<DocumentRow>("SELECT doc, submission, document FROM dedup_documents ORDER BY doc DESC LIMIT 1");
    const { stored, last } = await db.transaction(async (tx) => {
      await claimConfig(tx, cfg);
      let row = (await lastRow(tx)).rows[0];
      if (row && row.submission > committed) {
        throw new DedupError(
          "ledger_mismatch",
          `the database's dedup index holds documents of submission ${row.submission}, but the ledger records ${committed} submissions: ` +
            `the database and the state are from different runs. Restore both from the same backup.`,
        );
      }
      // Rare (a crash inside a commit), and then it scans: no index serves only this.
      if (row && row.submission === committed) {
        await discardFrom(tx, committed);
        row = (await lastRow(tx)).rows[0];
      }
      return { stored: row ? row.doc + 1 : 0, last: row ? { submission: row.submission, document: row.document } : null };
    });
    return new PostgresDedupIndex(db, cfg, stored, last);
  }

  /** Writes the documents accepted since the last commit, in the caller's transaction (`q`). */
  async write(q: Queryable): Promise<void> {
    await insertRows(q, this.pending());
  }

  /** Writes the accepted documents in a transaction of its own and settles them. */
  async commit(): Promise<void> {
    await this.#db.transaction((tx) => this.write(tx));
    this.settle();
  }
}

/** Removes the documents of submissions `submission` and later (and every row naming them). */
export async function discardFrom(q: Queryable, submission: number): Promise<number> {
  const first = (await q.query<{ doc: number | null }>("SELECT min(doc) AS doc FROM dedup_documents WHERE submission >= $1", [submission])).rows[0].doc;
  if (first === null) return 0;
  for (const table of ["dedup_exact", "dedup_bands", "dedup_passages"]) await q.query(`DELETE FROM ${table} WHERE doc >= $1`, [first]);
  const removed = await q.query("DELETE FROM dedup_documents WHERE doc >= $1", [first]);
  return removed.rowCount ?? 0;
}
