// An oracle whose state kept its dedup index in memory (dedup-index.bin beside the ledger) moves
// it into the database at its first start with the PostgreSQL index, once, and decides the next
// submission as before; a database that disagrees with the ledger stops the start.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { DocumentProcessor } from "../../pipeline/process.ts";
import { DedupError } from "../../pipeline/dedup/config.ts";
import { PipelineState } from "../../ledger/state.ts";
import { collect, jsonlInput } from "../../pipeline/run/testing.ts";
import { generateTestSet } from "../../pipeline/testset/generate.ts";
import { Database } from "../database/database.ts";
import { testDatabaseUrl } from "../database/test-server.ts";
import { openDedupIndex } from "./service.ts";

const texts = [...generateTestSet(5, { clean: 60, boilerplate: 0, repetition: 0, nonEnglish: 0, exactDuplicates: 10, nearDuplicates: 6, nearDuplicateTargets: [0.95, 0.9] })].map((d) => d.text);
const dirs: string[] = [];
const databases: Database[] = [];
after(async () => {
  for (const db of databases) await db.close().catch(() => {});
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function database(dir: string): Promise<Database> {
  const db = await Database.open({ url: testDatabaseUrl(dir), embeddedDir: join(dir, "postgres") });
  databases.push(db);
  return db;
}

describe("the service's dedup index", () => {
  it("takes over the index a state kept in memory, once, and decides on from it", async () => {
    const processor = await DocumentProcessor.create({});
    const dir = mkdtempSync(join(tmpdir(), "1tt-dedup-service-"));
    dirs.push(dir);
    const stateDir = join(dir, "state");
    const inMemory = PipelineState.open(stateDir, processor.pipeline);
    for (const [sequence, slice] of [texts.slice(0, 40), texts.slice(25, 60)].entries()) {
      const run = await collect([jsonlInput(`s${sequence}.jsonl`, slice)], { index: inMemory.index, sequence });
      inMemory.commit(run.report, run.accepted);
    }
    const expected = await collect([jsonlInput("s2.jsonl", texts.slice(10, 76))], { index: inMemory.index, sequence: 2 });
    inMemory.release();
    assert.ok(existsSync(join(stateDir, "dedup-index.bin")));

    const db = await database(dir);
    const index = (await openDedupIndex(db, stateDir, processor.pipeline))!;
    assert.equal(index.size, inMemory.log.reduce((n, e) => n + e.documents, 0));
    const run = await collect([jsonlInput("s2.jsonl", texts.slice(10, 76))], { index, sequence: 2 });
    assert.deepEqual(run.outcomes, expected.outcomes);
    assert.equal(run.reportSha256, expected.reportSha256);
    assert.ok(expected.outcomes.some((o) => o.kind === "duplicate" && !o.match.within), "the third submission repeats earlier ones");

    // The next start finds the documents in the database and imports nothing.
    const again = (await openDedupIndex(db, stateDir, processor.pipeline))!;
    assert.equal(again.size, index.size);
    assert.equal(again.held, 0);
  });

  it("refuses to start when the database's index and the state's ledger are from different runs", async () => {
    const processor = await DocumentProcessor.create({});
    const dir = mkdtempSync(join(tmpdir(), "1tt-dedup-service-"));
    dirs.push(dir);
    const db = await database(dir);
    const index = (await openDedupIndex(db, join(dir, "state"), processor.pipeline))!;
    for (const sequence of [0, 1]) {
      await collect([jsonlInput(`s${sequence}.jsonl`, texts.slice(20 * sequence, 20 * sequence + 20))], { index, sequence });
      await index.commit();
    }
    // A second state folder with an empty ledger, on the same database.
    await assert.rejects(openDedupIndex(db, join(dir, "other-state"), processor.pipeline), (e: unknown) => {
      assert.ok(e instanceof DedupError);
      assert.equal(e.code, "ledger_mismatch");
      assert.match(e.message, /holds documents of submission 1, but the ledger records 0 submissions: .*Restore both from the same backup/);
      return true;
    });
  });
});
