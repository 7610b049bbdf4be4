// The service's dedup index in PostgreSQL decides exactly as the in-memory index over the same
// submissions in the same order (exact copies, near duplicates, copied passages, within and
// across submissions), starts without loading anything, survives a commit cut short, and takes
// over an existing dedup-index.bin.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DedupError } from "../../pipeline/dedup/config.ts";
import { DedupIndex } from "../../pipeline/dedup/index.ts";
import type { DedupLookup } from "../../pipeline/dedup/lookup.ts";
import { loadIndex, saveIndex } from "../../pipeline/dedup/persist.ts";
import { generateGamingSet } from "../../pipeline/testset/gaming.ts";
import { generateTestSet } from "../../pipeline/testset/generate.ts";
import { collect, jsonlInput, type Collected } from "../../pipeline/run/testing.ts";
import { PipelineWorkers } from "../../pipeline/run/workers.ts";
import { Database } from "../database/database.ts";
import { testDatabaseUrl } from "../database/test-server.ts";
import { importIndex } from "./import.ts";
import { PostgresDedupIndex } from "./postgres.ts";

const gaming = generateGamingSet(3, { originals: 24, perStrength: 6, embedPerStrength: 4, cleanPerKind: 4 });
const plain = [
  ...generateTestSet(11, { clean: 60, boilerplate: 0, repetition: 0, nonEnglish: 0, exactDuplicates: 20, nearDuplicates: 12, nearDuplicateTargets: [0.95, 0.9, 0.85, 0.8] }),
].map((d) => d.text);
const checked = gaming.checked.map((d) => d.text);
/** Submissions in order: originals, then attacks and clean documents mixed with the plain set. */
const SUBMISSIONS: string[][] = [
  [...gaming.accepted, ...plain.slice(0, 40)],
  [...checked.slice(0, 60), ...plain.slice(30, 70)],
  [...checked.slice(60, 120), ...gaming.accepted.slice(0, 5)],
  [...checked.slice(120), ...plain.slice(60)],
];
/** Small batches: many prepare() rounds per submission, and documents accepted in one batch found in the next. */
const BATCH_CHARS = 16 * 1024;

const dirs: string[] = [];
const databases: Database[] = [];
async function freshDatabase(): Promise<{ db: Database; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), "1tt-dedup-pg-"));
  dirs.push(dir);
  const url = testDatabaseUrl(dir);
  const db = await Database.open({ url, embeddedDir: join(dir, "postgres") });
  databases.push(db);
  return { db, url };
}

let workers: PipelineWorkers;
before(async () => {
  workers = await PipelineWorkers.start({}, 1);
});
after(async () => {
  await workers.close();
  for (const db of databases) await db.close().catch(() => {});
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function submit(index: DedupLookup, sequence: number): Promise<Collected> {
  const run = await collect([jsonlInput(`submission-${sequence}.jsonl`, SUBMISSIONS[sequence])], { index, sequence, workers, batchChars: BATCH_CHARS });
  if (index instanceof PostgresDedupIndex) await index.commit();
  return run;
}

function assertSameRun(pg: Collected, memory: Collected, sequence: number): void {
  assert.deepEqual(pg.outcomes, memory.outcomes, `submission ${sequence}: document outcomes differ`);
  assert.equal(pg.reportSha256, memory.reportSha256, `submission ${sequence}: reports differ`);
  assert.equal(pg.outputSha256, memory.outputSha256, `submission ${sequence}: published text differs`);
  assert.deepEqual(pg.accepted, memory.accepted);
}

describe("the dedup index in PostgreSQL", () => {
  const memory = new DedupIndex();
  const memoryRuns: Collected[] = [];

  before(async () => {
    for (let s = 0; s < SUBMISSIONS.length; s++) memoryRuns.push(await collect([jsonlInput(`submission-${s}.jsonl`, SUBMISSIONS[s])], { index: memory, sequence: s, workers, batchChars: BATCH_CHARS }));
  });

  it("the submissions exercise every kind of decision, within and across submissions", () => {
    const kinds = new Set<string>();
    for (const run of memoryRuns) {
      for (const o of run.outcomes) {
        if (o.kind === "duplicate") kinds.add(`${o.match.kind}:${o.match.within ? "within" : "across"}`);
        if (o.kind === "kept" && o.partial) kinds.add("partial");
      }
    }
    for (const kind of ["exact:across", "exact:within", "near:across", "passages:across", "partial"]) assert.ok(kinds.has(kind), `no ${kind} decision in ${[...kinds].join(", ")}`);
  });

  it("gives the in-memory index's outcomes, reports and published text, submission by submission, across a restart", async () => {
    const { db, url } = await freshDatabase();
    let index = await PostgresDedupIndex.open(db, {}, { committed: 0 });
    for (let s = 0; s < 2; s++) assertSameRun(await submit(index, s), memoryRuns[s], s);

    // A restart: a new connection pool and a new index over the same tables.
    const again = await Database.open({ url, embeddedDir: "" });
    databases.push(again);
    index = await PostgresDedupIndex.open(again, {}, { committed: 2 });
    assert.equal(index.held, 0, "nothing of the index is loaded at start");
    assert.equal(index.size, memoryRuns[0].report.documents.out + memoryRuns[1].report.documents.out);
    for (let s = 2; s < SUBMISSIONS.length; s++) assertSameRun(await submit(index, s), memoryRuns[s], s);
    assert.equal(index.size, memory.size);
    assert.ok(index.held < memory.size, `after the last commit only a batch's reach is held (${index.held} of ${memory.size})`);
  });

  it("drops the rows of a commit whose submission never entered the ledger, and decides that submission again the same way", async () => {
    const { db } = await freshDatabase();
    let index = await PostgresDedupIndex.open(db, {}, { committed: 0 });
    await submit(index, 0);
    await submit(index, 1); // rows written, but the ledger (say) ends at submission 1
    index = await PostgresDedupIndex.open(db, {}, { committed: 1 });
    assert.equal(index.size, memoryRuns[0].report.documents.out);
    assertSameRun(await submit(index, 1), memoryRuns[1], 1);
  });

  it("forgets a run whose commit did not happen", async () => {
    const { db } = await freshDatabase();
    const index = await PostgresDedupIndex.open(db, {}, { committed: 0 });
    await submit(index, 0);
    await collect([jsonlInput("failed.jsonl", SUBMISSIONS[1])], { index, sequence: 1, workers, batchChars: BATCH_CHARS });
    index.discard();
    assertSameRun(await submit(index, 1), memoryRuns[1], 1);
  });

  it("takes over a saved dedup-index.bin: the documents it holds, then the same decisions", async () => {
    const { db } = await freshDatabase();
    const dir = mkdtempSync(join(tmpdir(), "1tt-dedup-bin-"));
    dirs.push(dir);
    const before = new DedupIndex();
    for (let s = 0; s < 2; s++) await collect([jsonlInput(`submission-${s}.jsonl`, SUBMISSIONS[s])], { index: before, sequence: s, workers, batchChars: BATCH_CHARS });
    saveIndex(before, dir);
    assert.equal(await importIndex(db, loadIndex(dir)), before.size);
    const index = await PostgresDedupIndex.open(db, {}, { committed: 2 });
    assert.equal(index.size, before.size);
    for (let s = 2; s < SUBMISSIONS.length; s++) assertSameRun(await submit(index, s), memoryRuns[s], s);
    await assert.rejects(importIndex(db, loadIndex(dir)), /already holds documents/);
  });

  it("refuses tables built with another dedup config, naming both", async () => {
    const { db } = await freshDatabase();
    await PostgresDedupIndex.open(db, {}, { committed: 0 });
    await assert.rejects(PostgresDedupIndex.open(db, { threshold: 0.8 }, { committed: 0 }), (e: unknown) => {
      assert.ok(e instanceof DedupError);
      assert.equal(e.code, "config_mismatch");
      assert.match(e.message, /config hash [0-9a-f]+, this oracle's config hashes to [0-9a-f]+/);
      return true;
    });
  });

  it("refuses to check a document whose batch was not prepared, saying what to call", async () => {
    const { db } = await freshDatabase();
    const index = await PostgresDedupIndex.open(db, {}, { committed: 0 });
    const fp = { exact: [1, 2] as [number, number], shingles: 0, signature: new Uint32Array(112), bandKeys: new Uint32Array(14), passages: new Uint32Array(64).fill(0xffffffff) };
    assert.throws(() => index.check(fp, 0), /call prepare\(fingerprints, queries\)/);
  });
});
