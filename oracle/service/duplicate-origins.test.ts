// A duplicate of a contributor's own earlier submission is named by that document's file and line
// in the report the oracle serves (GET /jobs/:id/report), as the contributor knows their data;
// a duplicate of someone else's submission names no file of theirs.
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import type { DuplicateExample } from "../pipeline/run/report.ts";
import { runPipeline } from "../pipeline/run/run.ts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { datasetJsonl, followEvents, getJson, signIn, startService, upload, type SignedIn, type TestService } from "./testing.ts";

describe("duplicates of earlier submissions in the served report", () => {
  let workers: PipelineWorkers;
  let svc: TestService;
  let alice: SignedIn;
  let bob: SignedIn;
  const first = datasetJsonl(31);
  const fresh = datasetJsonl(32);
  /** New documents first, then the whole of the first file again: every kept line of it is an exact duplicate. */
  const again = fresh + first;
  const offset = fresh.split("\n").length - 1;
  /** Where each document the pipeline keeps from `first` is: its file and line, by document number. */
  const kept: { file: string; line: number }[] = [];

  const submit = async (who: SignedIn, name: string, data: string) => {
    const { job } = (await (await upload(svc.url, who, [{ name, data }])).json()) as { job: { id: string } };
    await followEvents(svc.url, who, job.id);
    const report = await getJson(svc.url, who, `/jobs/${job.id}/report`);
    assert.equal(report.status, 200);
    return report.body.duplicates.examples as DuplicateExample[];
  };

  before(async () => {
    workers = await PipelineWorkers.start({}, 1);
    svc = await startService(workers);
    alice = await signIn(svc.url, privateKeyToAccount(generatePrivateKey()));
    bob = await signIn(svc.url, privateKeyToAccount(generatePrivateKey()));
    await runPipeline({
      config: {}, inputs: [{ source: [Buffer.from(first)] as unknown as AsyncIterable<Uint8Array>, name: "first.jsonl" }], output: new PassThrough().resume(), sequence: 0, workers,
      onDocument: (doc, outcome) => void (outcome.kind === "kept" && kept.push({ file: doc.file, line: doc.line })),
    });
  });
  after(async () => {
    await svc?.close();
    await workers?.close();
  });

  it("names the original's file and line for a duplicate of the contributor's own earlier submission", async () => {
    await submit(alice, "first.jsonl", first);
    const examples = (await submit(alice, "again.jsonl", again)).filter((e) => e.of.submission === 0);
    assert.ok(examples.length > 0, "the second upload repeats the first");
    for (const e of examples) {
      assert.deepEqual(e.original, kept[e.of.document], `document ${e.of.document} of the first submission`);
      assert.equal(e.file, "again.jsonl");
      // An exact copy sits where the original was, moved down by the new documents; a near one is a variant elsewhere.
      if (e.jaccard === undefined && e.coverage === undefined) assert.equal(e.line, e.original!.line + offset);
    }
  });

  it("names no file of another contributor's submission", async () => {
    const examples = (await submit(bob, "copy.jsonl", again)).filter((e) => e.of.submission !== 2);
    assert.ok(examples.length > 0, "the copy repeats alice's submissions");
    for (const e of examples) assert.equal(e.original, undefined, JSON.stringify(e));
  });
});
