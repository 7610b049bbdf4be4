// The oracle's dedup index lives in its database: a restarted oracle finds every document
// accepted before, without loading or rebuilding an index in memory and without writing one to
// its data folder.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { datasetJsonl, followEvents, getJson, signIn, startService, upload, type SignedIn, type TestService } from "./testing.ts";

describe("the dedup index across a restart", () => {
  let workers: PipelineWorkers;
  let svc: TestService | null = null;
  const first = datasetJsonl(41);
  const fresh = datasetJsonl(42);

  const submit = async (s: TestService, who: SignedIn, name: string, data: string) => {
    const { job } = (await (await upload(s.url, who, [{ name, data }])).json()) as { job: { id: string } };
    const done = (await followEvents(s.url, who, job.id)).at(-1)!.data;
    assert.equal(done.state, "accepted", JSON.stringify(done.error));
    return (await getJson(s.url, who, `/jobs/${job.id}/report`)).body;
  };

  before(async () => {
    workers = await PipelineWorkers.start({}, 1);
  });
  after(async () => {
    await svc?.close();
    await workers?.close();
  });

  it("finds the documents accepted before the restart in the database, and keeps no index file", async () => {
    const before = await startService(workers);
    const alice = await signIn(before.url, privateKeyToAccount(generatePrivateKey()));
    const firstReport = await submit(before, alice, "first.jsonl", first);
    await before.close(true);

    svc = await startService(workers, {}, {}, before.dir);
    const bob = await signIn(svc.url, privateKeyToAccount(generatePrivateKey()));
    const report = await submit(svc, bob, "again.jsonl", fresh + first);
    // Every document kept from the first upload is an exact duplicate now (and so are the new
    // set's documents that the first one already held).
    assert.ok(report.duplicates.exact.across.documents >= firstReport.documents.out, JSON.stringify(report.duplicates.exact));
    assert.ok(report.documents.out > 0);

    const stateDir = join(svc.config.dataDir, "state");
    assert.ok(!existsSync(join(stateDir, "dedup-index.bin")), "no index is written to the data folder");
    const client = new pg.Client({ connectionString: svc.config.databaseUrl! });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM dedup_documents");
      assert.equal(Number(rows[0].n), firstReport.documents.out + report.documents.out);
    } finally {
      await client.end();
    }
  });
});
