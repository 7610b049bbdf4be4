// Finding 4 of the audit's threat model: a captured oracle and committee credit a sybil address
// with data its owner never signed for (made up, or someone else's upload) behind an internally
// consistent manifest and hash chain. Every manifest must carry its contributor's signature of
// exactly its raw files for this program, so the audit fails such a manifest, replay included.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { generateReaderKey } from "../crypto/reader-key.ts";
import { generateTestSet } from "../pipeline/testset/generate.ts";
import { auditSplitter, type AuditReport } from "./index.ts";
import { startReplayPipeline } from "./node/pipeline-replay.ts";
import { contributors, testAccounts, type Program } from "./testing/harness.ts";
import { jsonl, replayWorld, TestOracle, type SubmitDataOptions } from "./testing/submissions.ts";

const [alice, bob] = contributors(2, 35);
const [sybilWallet] = testAccounts(1, 36);
const sybil = sybilWallet!.address;
const committee = testAccounts(2, 37);
const viewKey = generateReaderKey();
const docs = [...generateTestSet(5, { clean: 18, boilerplate: 0, repetition: 0, nonEnglish: 0, exactDuplicates: 0, nearDuplicates: 0, nearDuplicateTargets: [] })].map((d) => d.text);

const world = replayWorld();

/** Alice uploads; then a manifest credits `credited` with `raw`, signed as `forgery` says; then Bob uploads. */
async function history(credited: `0x${string}`, raw: Uint8Array, forgery: (program: Program) => SubmitDataOptions): Promise<{ program: Program; cids: string[] }> {
  const program = await world.h.program({ committee, threshold: 2 });
  const oracle = TestOracle.for(program, viewKey.publicKey, world.pool);
  const cids = [(await oracle.submit(alice, jsonl(docs.slice(0, 6)), "alice.jsonl")).cid];
  cids.push((await oracle.submit(credited, raw, "upload.jsonl", forgery(program))).cid);
  cids.push((await oracle.submit(bob, jsonl(docs.slice(12, 18)), "bob.jsonl")).cid);
  return { program, cids };
}

async function audit(program: Program): Promise<AuditReport> {
  const pipeline = await startReplayPipeline({}, { workers: world.pool });
  try {
    return await auditSplitter(world.h.client().client, { splitter: program.splitter, store: world.h.store, replay: { pipeline, viewKey: viewKey.privateKey } });
  } finally {
    await pipeline.close();
  }
}

const findings = (r: AuditReport, id: string) => r.checks.find((c) => c.id === id)!.findings;

/** The forged manifest, and only it, fails the manifests check with `code`; the replay itself agrees with the data. */
function assertCaught(report: AuditReport, forged: string, code: string): string {
  assert.equal(report.ok, false);
  const caught = findings(report, "manifests");
  assert.deepEqual(caught.map((f) => [f.code, f.subject]), [[code, forged]]);
  assert.equal(report.checks.find((c) => c.id === "replay")!.status, "pass", "the replay alone cannot tell: the counts follow from the data");
  return caught[0]!.message;
}

describe("every manifest's raw data is signed by the contributor it credits", () => {
  it("passes a history where every contributor signed their own upload", async () => {
    const { program } = await history(bob, jsonl(docs.slice(6, 12)), () => ({}));
    const report = await audit(program);
    assert.equal(report.ok, true, report.checks.flatMap((c) => c.findings.map((f) => f.message)).join(" | "));
    assert.equal(report.checks.find((c) => c.id === "manifests")!.figures.contributionSignatures, 3);
  });

  it("fails a sybil credited with made-up data and no signature", async () => {
    const { program, cids } = await history(sybil, jsonl(docs.slice(6, 12)), () => ({ signedBy: null }));
    const message = assertCaught(await audit(program), cids[1]!, "manifests.contribution_unsigned");
    assert.match(message, new RegExp(`carries no contribution signature: nothing shows ${sybil} uploaded its raw data`));
  });

  it("fails a sybil credited with someone else's upload under that person's copied signature", async () => {
    const alicesData = jsonl(docs.slice(6, 12));
    const { program, cids } = await history(sybil, alicesData, (p) => ({ signedBy: p.manifests[0]!.contribution! }));
    const message = assertCaught(await audit(program), cids[1]!, "manifests.contribution_forged");
    assert.match(message, new RegExp(`is not ${sybil}'s signature of these 1 raw file\\(s\\) for program 31337/${program.splitter}`));
  });

  it("fails a manifest signed by another wallet (the committee's own), or with a signature altered", async () => {
    const forgeries = [
      () => ({ signedBy: committee[0]! }),
      (p: Program) => ({ signedBy: { ...p.manifests[0]!.contribution!, issuedAt: p.manifests[0]!.contribution!.issuedAt + 1 } }),
    ];
    for (const forgery of forgeries) {
      const { program, cids } = await history(bob, jsonl(docs.slice(6, 12)), forgery);
      assertCaught(await audit(program), cids[1]!, "manifests.contribution_forged");
    }
  });
});
