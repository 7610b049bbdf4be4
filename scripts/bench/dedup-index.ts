// The dedup index in PostgreSQL as it grows: per checkpoint (documents already stored), a
// submission of SUBMISSION synthetic documents decided (prepare + check + contain + add) and
// committed, look-ups per second, and the bytes the tables and their indexes hold per document
// (pg_total_relation_size). The index grows between checkpoints through the same commits. Beside
// it, the in-memory index fed the same fingerprints (up to REFERENCE_MAX documents): its check +
// add rate and what its commit cost, rewriting dedup-index.bin whole.
//
//   npm run bench:dedup-index                                    (checkpoints 0, 1 M, 5 M, 10 M)
//   CHECKPOINTS=0,100000,1000000 SUBMISSION=10000 npm run bench:dedup-index
//   DATABASE_URL=postgresql://… npm run bench:dedup-index        (an empty database on a server)
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { resolveDedupConfig } from "../../oracle/pipeline/dedup/config.ts";
import { bandKeys, type Fingerprint } from "../../oracle/pipeline/dedup/fingerprint.ts";
import { seededUint32 } from "../../oracle/pipeline/dedup/hash.ts";
import { DedupIndex } from "../../oracle/pipeline/dedup/index.ts";
import type { DedupLookup } from "../../oracle/pipeline/dedup/lookup.ts";
import type { PassageQuery } from "../../oracle/pipeline/dedup/passages.ts";
import { saveIndex } from "../../oracle/pipeline/dedup/persist.ts";
import { Database } from "../../oracle/service/database/database.ts";
import { PostgresDedupIndex } from "../../oracle/service/dedup-index/postgres.ts";

const CHECKPOINTS = (process.env.CHECKPOINTS ?? "0,1000000,5000000,10000000").split(",").map(Number);
const SUBMISSION = Number(process.env.SUBMISSION ?? 10_000);
const REFERENCE_MAX = Number(process.env.REFERENCE_MAX ?? 2_000_000);
/** Share of each submission's documents that copy a stored one exactly (the rest are new). */
const COPIES = 0.02;

const config = resolveDedupConfig();
const k = config.bands * config.rows;
const random = seededUint32(1);
const load = () => loadavg().map((x) => x.toFixed(1)).join(" ");

function syntheticFingerprint(): { fp: Fingerprint; query: PassageQuery } {
  const signature = new Uint32Array(k);
  for (let i = 0; i < k; i++) signature[i] = random();
  // A full sketch: the passageSlots smallest of the sampled hashes (top bits zero, as sampled ones are).
  const passages = Uint32Array.from({ length: config.passageSlots }, () => random() >>> config.passageSamplingBits).sort();
  const samples = new Uint32Array(2 * passages.length);
  passages.forEach((h, i) => (samples[2 * i] = h));
  return {
    fp: { exact: [random(), random()], shingles: 400, signature, bandKeys: bandKeys(signature, config.bands, config.rows), passages },
    query: { samples, unitStarts: Uint32Array.of(0) },
  };
}

/** Decides and accepts one submission; returns the milliseconds of the look-ups and of the commit. */
async function submit(index: DedupLookup & { commit?: () => Promise<void> }, docs: ReturnType<typeof syntheticFingerprint>[], sequence: number) {
  const started = performance.now();
  await index.prepare?.(docs.map((d) => d.fp), docs.map((d) => d.query));
  let accepted = 0;
  let duplicates = 0;
  for (const { fp, query } of docs) {
    if (index.check(fp, sequence)) {
      duplicates++;
      continue;
    }
    index.contain(query);
    index.add(fp, { submission: sequence, document: accepted++ });
  }
  const decided = performance.now();
  await index.commit?.();
  return { lookupMs: decided - started, commitMs: performance.now() - decided, duplicates };
}

/** Table (heap and TOAST) and index bytes of each of the index's tables, band partitions summed. */
async function tableSizes(): Promise<{ name: string; heap: number; indexes: number }[]> {
  const { rows } = await db.query<{ name: string; heap: string; indexes: string }>(
    // pg_partition_tree lists a partitioned table's parts; a plain table is its own only part.
    `SELECT t.name, sum(pg_table_size(r.relid))::text AS heap, sum(pg_indexes_size(r.relid))::text AS indexes
       FROM unnest(ARRAY['dedup_documents', 'dedup_exact', 'dedup_bands', 'dedup_passages']) AS t(name)
       CROSS JOIN LATERAL (SELECT relid FROM pg_partition_tree(t.name::regclass) UNION SELECT t.name::regclass) r
      GROUP BY t.name ORDER BY t.name`,
  );
  return rows.map((r) => ({ name: r.name, heap: Number(r.heap), indexes: Number(r.indexes) }));
}

const work = mkdtempSync(join(tmpdir(), "1tt-bench-dedup-index-"));
const url = process.env.DATABASE_URL?.trim() || null;
const db = await Database.open({ url, embeddedDir: join(work, "postgres") });
try {
  const index = await PostgresDedupIndex.open(db, config, { committed: 0 });
  if (index.size > 0) throw new Error(`the database's dedup index already holds ${index.size} documents: give the benchmark an empty database`);
  let reference: DedupIndex | null = new DedupIndex({ ...config, maxDocuments: Math.max(config.maxDocuments, REFERENCE_MAX) });
  const kept: Fingerprint[] = [];
  let sequence = 0;
  const submission = () => {
    const docs = Array.from({ length: SUBMISSION }, syntheticFingerprint);
    // Some exact copies of stored documents, so look-ups also find what they look for.
    for (let i = 0; i < SUBMISSION * COPIES && kept.length > 0; i++) docs[i * Math.floor(1 / COPIES)].fp = kept[Math.floor((random() / 2 ** 32) * kept.length)];
    if (kept.length < 100_000) kept.push(...docs.slice(0, 100).map((d) => d.fp));
    return docs;
  };
  console.log(`dedup index in PostgreSQL (${db.location.replace(work, "<temporary folder>")}), submissions of ${SUBMISSION} documents, ${COPIES * 100}% exact copies`);
  console.log("| documents before | look-ups (ms) | look-ups / s | commit (ms) | bytes / document | in-memory check+add / s | dedup-index.bin rewrite (ms) | load average |");
  console.log("|---|---|---|---|---|---|---|---|");
  let breakdown = "";
  for (const checkpoint of CHECKPOINTS) {
    const fillStarted = performance.now();
    while (index.size + SUBMISSION <= checkpoint) {
      const docs = submission();
      await submit(index, docs, sequence);
      if (reference && reference.size + SUBMISSION <= REFERENCE_MAX) await submit(reference, docs, sequence);
      else reference = null;
      sequence++;
    }
    if (checkpoint > 0) console.error(`grew to ${index.size} documents in ${((performance.now() - fillStarted) / 1000).toFixed(0)} s`);
    const docs = submission();
    const before = index.size;
    const pg = await submit(index, docs, sequence);
    let memoryRate = "-";
    let rewrite = "-";
    if (reference && reference.size === before) {
      const memory = await submit(reference, docs, sequence);
      memoryRate = Math.round(SUBMISSION / (memory.lookupMs / 1000)).toLocaleString("en");
      const dir = join(work, "bin");
      const t = performance.now();
      saveIndex(reference, dir);
      rewrite = (performance.now() - t).toFixed(0);
      rmSync(dir, { recursive: true, force: true });
    }
    sequence++;
    const sizes = await tableSizes();
    const total = sizes.reduce((n, t) => n + t.heap + t.indexes, 0);
    breakdown = sizes.map((t) => `${t.name} ${((t.heap + t.indexes) / index.size).toFixed(0)} (indexes ${(t.indexes / index.size).toFixed(0)})`).join(", ");
    const perDocument = total / index.size;
    console.log(
      `| ${before.toLocaleString("en")} | ${pg.lookupMs.toFixed(0)} | ${Math.round(SUBMISSION / (pg.lookupMs / 1000)).toLocaleString("en")} | ${pg.commitMs.toFixed(0)} | ${perDocument.toFixed(0)} | ${memoryRate} | ${rewrite} | ${load()} |`,
    );
  }
  console.log(`bytes per document at ${index.size.toLocaleString("en")} documents: ${breakdown}`);
} finally {
  await db.close();
  rmSync(work, { recursive: true, force: true });
}
