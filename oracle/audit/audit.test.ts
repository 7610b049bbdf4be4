import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { computeCid } from "../store/compute-cid.ts";
import { auditSplitter, collectHistory, FIGURE_LABELS, parseCheckpoint, serializeCheckpoint, type AuditReport, type CheckId } from "./index.ts";
import type { Abi } from "viem";
import { revenueSplitterAbi } from "../protocol/abi.ts";
import { contributors, Harness, testAccounts } from "./testing/harness.ts";

let h: Harness;
before(async () => {
  h = await Harness.start();
});
after(async () => {
  await h?.close();
});

const [alice, bob, carol] = contributors(3);
const committee = testAccounts(3, 11);
const newCommittee = testAccounts(2, 12);

function check(report: AuditReport, id: CheckId) {
  return report.checks.find((c) => c.id === id)!;
}

function assertOnlyFails(report: AuditReport, failing: CheckId[]) {
  for (const c of report.checks.slice(0, 5)) {
    assert.equal(c.status, failing.includes(c.id) ? "fail" : "pass", `${c.id}: ${c.findings.map((f) => f.message).join(" | ") || c.status}`);
  }
  assert.equal(report.ok, false);
}

describe("audit of a clean history", () => {
  it("passes every check, with the same verdict whatever the page size", async () => {
    const p = await h.program({ committee, threshold: 2 });
    await p.submit(alice, 1_000);
    await p.deposit(10_000n); // 1,000 units, all to alice
    await p.submit(bob, 3_000);
    await p.deposit(7_777n); // 777 units, shared 1:3 (with dust)
    await p.claim(alice);
    await p.rotate(newCommittee, 1);
    await p.submit(alice, 500); // cumulative 1,500, signed by the new committee
    await p.submit(carol, 250);
    await p.deposit(123_457n);
    await p.claim(bob);

    const { client, counter } = h.client();
    const report = await auditSplitter(client, { splitter: p.splitter, store: h.store, pageSize: 1_000n });
    for (const c of report.checks.slice(0, 5)) assert.equal(c.status, "pass", `${c.id}: ${c.findings.map((f) => f.message).join(" | ")}`);
    assert.equal(check(report, "replay").status, "skipped");
    assert.equal(check(report, "data").status, "pass");
    assert.equal(check(report, "data").figures.filesVerified, 4 * 3);
    assert.equal(report.ok, true);
    // Nothing failed, but the counts were not replayed: that is not a verified audit.
    assert.equal(report.verdict, "unverified");
    assert.deepEqual(report.unverified.map((u) => u.id), ["replay", "readers"]);
    assert.equal(check(report, "state").figures.contributors, 3);
    assert.equal(check(report, "attestations").figures.attestations, 4);
    assert.equal(check(report, "attestations").figures.signaturesVerified, 2 + 2 + 1 + 1);
    assert.equal(check(report, "manifests").figures.chainLength, 4);
    assert.equal(check(report, "payouts").figures.earnedOnChain, String(1_000n + 777n + 12_345n - BigInt(check(report, "payouts").figures.dust as string) - BigInt(check(report, "state").figures.held as string)));
    const calls = counter.total();

    const small = await auditSplitter(h.client().client, { splitter: p.splitter, store: h.store, pageSize: 2n, fromBlock: BigInt(report.fromBlock) });
    assert.equal(small.ok, true);
    assert.ok((check(small, "state").figures.logPages as number) > (check(report, "state").figures.logPages as number));
    assert.ok(calls > 0);
  });

  it("counts surplus as a deposit and follows pauses, cancelled proposals and a delayed committee change", async () => {
    const p = await h.program({ committee, threshold: 2 });
    await p.submit(alice, 1_000);
    await p.surplus(12_345n); // sent by plain transfer, shared by syncSurplus: all alice's
    await p.pause(true);
    await p.deposit(10_000n);
    await p.pause(false);
    await p.propose([newCommittee[1]!], 1);
    await h.send(p.splitter, revenueSplitterAbi as Abi, "cancelCommitteeProposal", [], 100_000n);
    await p.rotate(newCommittee, 2);
    await p.submit(bob, 3_000);
    await p.surplus(400n);
    await p.pause(true);
    await p.propose([newCommittee[0]!], 1); // still pending at the end

    const report = await auditSplitter(h.client().client, { splitter: p.splitter, store: h.store });
    for (const c of report.checks.slice(0, 5)) assert.equal(c.status, "pass", `${c.id}: ${c.findings.map((f) => f.message).join(" | ")}`);
    const state = check(report, "state").figures;
    assert.equal(state.totalDeposited, String(12_345n + 1_000n + 400n));
    assert.equal(state.totalGrossRevenue, "10000");
    assert.deepEqual(
      [state.surplusSyncs, state.committeeChanges, state.committeeProposals, state.proposalsCancelled, state.pauses, state.attestationsPaused],
      [2, 2, 3, 1, 2, true],
    );
    assert.equal(check(report, "attestations").figures.committeeEpoch, "2");
    // The page and the CLI name every figure in words: none may be missing from the table.
    const unnamed = report.checks.flatMap((c) => Object.keys(c.figures).filter((k) => !(k in FIGURE_LABELS)).map((k) => `${c.id}.${k}`));
    assert.deepEqual(unnamed, []);
  });

  it("resumes a log scan from a checkpoint and ends with the same history", async () => {
    const p = await h.program({ committee, threshold: 1 });
    await p.submit(alice, 10);
    await p.deposit(100_000n);
    const middle = await h.chain.publicClient.getBlockNumber();
    await p.submit(bob, 30);
    await p.deposit(100_000n);
    const { client } = h.client();
    const whole = await collectHistory(client, { splitter: p.splitter, pageSize: 3n });
    const first = await collectHistory(client, { splitter: p.splitter, toBlock: middle, pageSize: 3n });
    const resumed = await collectHistory(client, { splitter: p.splitter, checkpoint: parseCheckpoint(serializeCheckpoint(first)), pageSize: 3n });
    assert.equal(resumed.fromBlock, whole.fromBlock);
    assert.equal(resumed.toBlock, whole.toBlock);
    assert.deepEqual(resumed.events, whole.events);
    assert.ok(first.events.length > 0 && first.events.length < whole.events.length);
  });
});

describe("audit catches tampering", () => {
  it("a manifest whose counts differ from the attestation", async () => {
    const p = await h.program({ committee, threshold: 2 });
    await p.submit(alice, 1_000);
    const { cid } = await p.submit(bob, 400, { attestTokens: 4_000n }); // the committee signed 4,000; the manifest says 400
    const report = await auditSplitter(h.client().client, { splitter: p.splitter, store: h.store });
    assertOnlyFails(report, ["manifests"]);
    const findings = check(report, "manifests").findings;
    assert.equal(findings[0]!.code, "manifests.tokens_mismatch");
    assert.equal(findings[0]!.subject, cid);
    assert.match(findings[0]!.message, new RegExp(`Manifest ${cid} says ${bob} has 400 cumulative tokens, but the attestation \\(nonce 1, block \\d+\\) set 4000`));
  });

  it("a broken hash chain", async () => {
    const p = await h.program({ committee, threshold: 2 });
    await p.submit(alice, 1_000);
    const missing = (await computeCid(new TextEncoder().encode("a manifest nobody stored"))).toString();
    const { cid } = await p.submit(bob, 500, { previous: missing });
    // Alice's second manifest claims she had 5,000 tokens before it: only her own manifests, compared with each other, show it.
    const inflated = await p.submit(alice, 200, { previousCumulative: 5_000 });
    const report = await auditSplitter(h.client().client, { splitter: p.splitter, store: h.store });
    assertOnlyFails(report, ["manifests"]);
    const f = check(report, "manifests").findings.find((x) => x.code === "manifests.chain_broken")!;
    assert.equal(f.subject, cid);
    assert.match(f.message, new RegExp(`broken at ${cid}.*${missing} is missing`));
    // One finding does not hide the others: each contributor's manifests and every file are still checked.
    const arithmetic = check(report, "manifests").findings.find((x) => x.code === "manifests.contributor_arithmetic")!;
    assert.equal(arithmetic.subject, inflated.cid);
    assert.match(arithmetic.message, new RegExp(`gives ${alice} 5200 cumulative tokens; their previous manifest \\S+ had 1000 and this one adds 200`));
    assert.equal(check(report, "data").figures.manifests, 3);
  });

  it("a signature by a signer the committee rotated out (a splitter that keeps its first committee)", async () => {
    const p = await h.program({ kind: "wrong", committee: [committee[0]!], threshold: 1 });
    await p.submit(alice, 100);
    await p.rotate([newCommittee[0]!], 1);
    // The old member signs again; this splitter still accepts it, the real one would not.
    await p.submit(bob, 300, { signers: [committee[0]!] });
    await p.deposit(10_000n);
    const report = await auditSplitter(h.client().client, { splitter: p.splitter, store: h.store });
    assertOnlyFails(report, ["attestations"]);
    const f = check(report, "attestations").findings;
    assert.deepEqual(f.map((x) => x.code), ["attestations.non_member", "attestations.below_threshold"]);
    assert.equal(f[0]!.subject, bob);
    assert.match(f[0]!.message, new RegExp(`attestation of ${bob} nonce 1 .* is signed by ${committee[0]!.address}, who is not a member of the committee in force \\(epoch 2: ${newCommittee[0]!.address}\\)`));
  });

  it("a payout that differs from the formula (a splitter that pays by today's share)", async () => {
    const p = await h.program({ kind: "wrong", committee, threshold: 2 });
    await p.submit(alice, 100);
    await p.deposit(10_000n); // 1,000 units: all alice's
    await p.submit(bob, 100); // the wrong splitter now gives bob half of it
    const report = await auditSplitter(h.client().client, { splitter: p.splitter, store: h.store });
    assert.equal(check(report, "payouts").status, "fail");
    const f = check(report, "payouts").findings;
    assert.deepEqual(f.map((x) => x.subject), [alice, bob]);
    assert.match(f[0]!.message, new RegExp(`${alice} has earned 500 units on chain \\(claimed 0 \\+ claimable 500\\); the formula, deposit by deposit, gives 1000 .*underpaid by 500 units`));
    assert.match(f[1]!.message, /overpaid by 500 units/);
    assert.equal(report.ok, false);
  });

  it("an insolvent splitter (its asset balance was taken)", async () => {
    const p = await h.program({ kind: "real-slashable", committee, threshold: 2 });
    await p.submit(alice, 100);
    await p.deposit(100_000n); // 10,000 units
    await h.send(p.asset, (await import("./testing/harness.ts")).artifact("test/SlashableToken.sol/SlashableToken.json").abi, "slash", [p.splitter, 2_500n], 100_000n);
    const report = await auditSplitter(h.client().client, { splitter: p.splitter, store: h.store });
    assertOnlyFails(report, ["solvency"]);
    const f = check(report, "solvency").findings[0]!;
    assert.equal(f.code, "solvency.insolvent");
    assert.match(f.message, /holds 7500 units of 0x[0-9a-fA-F]{40} but owes 10000 \(claimable 10000 \+ held 0\): short by 2500 units/);
  });
});
