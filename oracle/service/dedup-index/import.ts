// The one-shot move of an in-memory index (a dedup-index.bin loaded, or one rebuilt from the
// saved fingerprints) into the database's tables: the same documents, numbers and table entries,
// so the decisions that follow are the ones the file would have given.
import type { DedupIndex } from "../../pipeline/dedup/index.ts";
import type { PendingRows } from "../../pipeline/dedup/staged.ts";
import type { Database } from "../database/database.ts";
import { claimConfig, insertRows } from "./postgres.ts";

/** Documents per INSERT round, so memory stays bounded on a large index. */
const DOCUMENTS_PER_ROUND = 100_000;

/** Copies `index` into the empty tables of `db`, in one transaction; returns the documents copied. */
export async function importIndex(db: Database, index: DedupIndex): Promise<number> {
  const k = index.config.bands * index.config.rows;
  const { records, signatures } = index.documentSections();
  const passages = index.passageSections();
  const [exactTable, ...bandTables] = index.tables();
  // Records, signatures and horizons come in pages of the same number of documents.
  const perPage = records.length > 0 ? records[0].length / 4 : 1;
  return db.transaction(async (tx) => {
    await claimConfig(tx, index.config);
    const held = (await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM (SELECT 1 FROM dedup_documents LIMIT 1) s")).rows[0].n;
    if (held > 0) throw new Error("the database's dedup index already holds documents: an index is imported only into empty tables");
    for (let first = 0; first < index.size; first += DOCUMENTS_PER_ROUND) {
      const rows: PendingRows = { documents: [], exact: [], bands: [], passages: [] };
      for (let d = first; d < Math.min(index.size, first + DOCUMENTS_PER_ROUND); d++) {
        const page = Math.floor(d / perPage);
        const at = d - page * perPage;
        const rec = records[page];
        const horizonPage = passages.horizons[page];
        rows.documents.push({
          doc: d,
          ref: { submission: rec[4 * at], document: rec[4 * at + 1] },
          signature: signatures[page].slice(at * k, (at + 1) * k),
          horizon: horizonPage[at],
        });
      }
      await insertRows(tx, rows);
    }
    const pairs = (table: Uint32Array, add: (key: number, doc: number) => void) => {
      for (let s = 0; s < table.length; s += 2) if (table[s + 1] !== 0) add(table[s], table[s + 1] - 1);
    };
    const rows: PendingRows = { documents: [], exact: [], bands: [], passages: [] };
    pairs(exactTable, (lo, doc) => {
      const page = Math.floor(doc / perPage);
      rows.exact.push({ lo, hi: records[page][4 * (doc - page * perPage) + 2], doc });
    });
    await insertRows(tx, rows);
    rows.exact = [];
    for (let band = 0; band < bandTables.length; band++) {
      pairs(bandTables[band], (key, doc) => rows.bands.push({ band, key, doc }));
      await insertRows(tx, rows);
      rows.bands = [];
    }
    pairs(passages.table, (hash, doc) => rows.passages.push({ hash, doc }));
    await insertRows(tx, rows);
    return index.size;
  });
}
