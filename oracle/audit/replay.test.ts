import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { generateReaderKey } from "../crypto/reader-key.ts";
import { generateTestSet } from "../pipeline/testset/generate.ts";
import { auditSplitter, type AuditReport } from "./index.ts";
import { startReplayPipeline } from "./node/pipeline-replay.ts";
import { contributors, testAccounts, type Program } from "./testing/harness.ts";
import { jsonl, replayWorld, TestOracle } from "./testing/submissions.ts";

const [alice, bob] = contributors(2, 31);
const committee = testAccounts(2, 41);
const viewKey = generateReaderKey();
const docs = [...generateTestSet(3, { clean: 12, boilerplate: 2, repetition: 1, nonEnglish: 1, exactDuplicates: 0, nearDuplicates: 0, nearDuplicateTargets: [] })].map((d) => d.text);
// Three submissions; the third repeats a document of the first (dropped by the carried dedup state).
const batches = [docs.slice(0, 6), docs.slice(6, 12), [...docs.slice(12), docs[0]!]];

const world = replayWorld();

async function history(tamper?: { storedRaw: Uint8Array; commitToStored?: boolean }): Promise<{ program: Program; cids: string[] }> {
  const program = await world.h.program({ committee, threshold: 2 });
  const oracle = TestOracle.for(program, viewKey.publicKey, world.pool);
  const cids: string[] = [];
  cids.push((await oracle.submit(alice, jsonl(batches[0]!), "alice-1.jsonl")).cid);
  await program.deposit(50_000n);
  const raw = jsonl(batches[1]!);
  cids.push((await oracle.submit(bob, raw, "bob-1.jsonl", tamper)).cid);
  cids.push((await oracle.submit(alice, jsonl(batches[2]!), "alice-2.jsonl")).cid);
  return { program, cids };
}

async function audit(program: Program, options: { key?: Uint8Array; config?: object } = {}): Promise<AuditReport> {
  const pipeline = await startReplayPipeline(options.config ?? {}, { workers: options.config ? 1 : world.pool });
  try {
    return await auditSplitter(world.h.client().client, { splitter: program.splitter, store: world.h.store, replay: { pipeline, viewKey: options.key ?? viewKey.privateKey } });
  } finally {
    await pipeline.close();
  }
}

const replayOf = (r: AuditReport) => r.checks.find((c) => c.id === "replay")!;

describe("replay with a view key", () => {
  it("re-runs the pinned pipeline over the decrypted raw data and gets every attested count and commitment", async () => {
    const { program } = await history();
    const report = await audit(program);
    for (const c of report.checks.filter((c) => c.id !== "readers")) assert.equal(c.status, "pass", `${c.id}: ${c.findings.map((f) => f.message).join(" | ")}`);
    assert.equal(report.checks.find((c) => c.id === "readers")!.status, "skipped"); // no --reader-registry
    assert.equal(report.ok, true);
    assert.equal(replayOf(report).figures.replayed, 3);
    assert.equal(replayOf(report).figures.tokensReplayed, program.manifests.at(-1)!.tokens.cumulative + program.manifests[1]!.tokens.cumulative);
    assert.ok(program.manifests[0]!.tokens.added > 0 && program.manifests[1]!.tokens.added > 0, "the submissions kept text");
    assert.ok(program.manifests[2]!.summary.duplicates.exact.across.documents >= 1, "the third submission's repeat was deduplicated against the first");
  });

  it("fails when the stored raw data is not the data the manifest commits to (changed after the fact)", async () => {
    const changed = jsonl([...batches[1]!.slice(0, -1), "A sentence that was never in the upload, added afterwards by someone."]);
    const { program, cids } = await history({ storedRaw: changed });
    const report = await audit(program);
    for (const c of report.checks.slice(0, 5)) assert.equal(c.status, "pass", c.id);
    const replay = replayOf(report);
    assert.equal(replay.status, "fail");
    assert.equal(replay.findings[0]!.code, "replay.raw_changed");
    assert.equal(replay.findings[0]!.subject, cids[1]);
    assert.match(replay.findings[0]!.message, new RegExp(`raw data of manifest ${cids[1]} \\(sequence 1, ${bob}\\) is not the data its manifest commits to`));
    assert.equal(report.ok, false);
  });

  it("fails when the data committed to does not give the attested counts", async () => {
    const fewer = jsonl(batches[1]!.slice(0, 2));
    const { program, cids } = await history({ storedRaw: fewer, commitToStored: true });
    const report = await audit(program);
    const replay = replayOf(report);
    assert.equal(replay.status, "fail");
    const tokens = replay.findings.find((f) => f.code === "replay.tokens_mismatch")!;
    assert.equal(tokens.subject, cids[1]);
    assert.match(tokens.message, new RegExp(`Replaying manifest ${cids[1]} \\(sequence 1, ${bob}\\) keeps \\d+ tokens; the manifest \\(and so the attestation\\) says ${program.manifests[1]!.tokens.added}`));
    assert.ok(replay.findings.some((f) => f.code === "replay.filtered_mismatch"));
  });

  it("refuses to replay with another pipeline, and with a key that is not a reader", async () => {
    const { program, cids } = await history();
    const other = replayOf(await audit(program, { config: { dedup: { threshold: 0.8 } } }));
    assert.equal(other.findings[0]!.code, "replay.pipeline_mismatch");
    assert.match(other.findings[0]!.message, new RegExp(`^Cannot replay with this pipeline: manifest ${cids[0]} \\(sequence 0, ${alice}\\) was made by 1tt-pipeline@`));
    const stranger = replayOf(await audit(program, { key: generateReaderKey().privateKey }));
    assert.equal(stranger.findings[0]!.code, "replay.not_a_reader");
  });
});
