// What a captured committee and a dishonest oracle operator can try behind manifests that agree
// with the chain, and what the audit says about each: a forged count is never a pass, the data
// consumers pay for is checked (also through a gateway that lies with status 200), and a broken
// hash chain does not hide the other findings.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { Abi } from "viem";
import { encodePublicKey, generateReaderKey } from "../crypto/index.ts";
import { grantHistory } from "../manifest/key-grant.ts";
import { readerKeyRegistryAbi } from "../protocol/abi.ts";
import { addJson } from "../store/json.ts";
import { generateTestSet } from "../pipeline/testset/generate.ts";
import { computeCid } from "../store/compute-cid.ts";
import { GatewayStore } from "../store/gateway.ts";
import { serveStoreAsGateway } from "../store/gateway-testing.ts";
import { auditSplitter, type AuditReport, type CheckId } from "./index.ts";
import { startReplayPipeline } from "./node/pipeline-replay.ts";
import { contributors, testAccounts, type Program } from "./testing/harness.ts";
import { runAuditCli, runCli } from "./testing/cli.ts";
import { jsonl, replayWorld, TestOracle } from "./testing/submissions.ts";

const [alice, bob] = contributors(2, 71);
const committee = testAccounts(2, 72);
const viewKey = generateReaderKey();
const docs = [...generateTestSet(5, { clean: 12, boilerplate: 1, repetition: 1, nonEnglish: 0, exactDuplicates: 0, nearDuplicates: 0, nearDuplicateTargets: [] })].map((d) => d.text);
const batches = [docs.slice(0, 5), docs.slice(5, 10), docs.slice(10)];

const world = replayWorld();

/** A program with two honest submissions, alice's then bob's. */
async function honestStart(): Promise<{ program: Program; oracle: TestOracle }> {
  const program = await world.h.program({ committee, threshold: 2 });
  const oracle = TestOracle.for(program, viewKey.publicKey, world.pool);
  await oracle.submit(alice, jsonl(batches[0]!), "alice-1.jsonl");
  await oracle.submit(bob, jsonl(batches[1]!), "bob-1.jsonl");
  return { program, oracle };
}

const check = (r: AuditReport, id: CheckId) => r.checks.find((c) => c.id === id)!;
const codes = (r: AuditReport, id: CheckId) => check(r, id).findings.map((f) => [f.code, f.subject]);

async function audit(program: Program, options: { replay?: boolean; store?: GatewayStore } = {}): Promise<AuditReport> {
  const pipeline = options.replay ? await startReplayPipeline({}, { workers: world.pool }) : null;
  try {
    return await auditSplitter(world.h.client().client, {
      splitter: program.splitter,
      store: options.store ?? world.h.store,
      replay: pipeline ? { pipeline, viewKey: viewKey.privateKey } : null,
      viewKey: options.replay ? viewKey.privateKey : null,
    });
  } finally {
    await pipeline?.close();
  }
}

describe("a forged count behind a consistent manifest", () => {
  it("is not a pass without the replay (counts not verified: no view key), and fails with it", async () => {
    const program = await world.h.program({ committee, threshold: 2 });
    const oracle = TestOracle.for(program, viewKey.publicKey, world.pool);
    await oracle.submit(alice, jsonl(batches[0]!), "alice-1.jsonl");
    // The right sequence, the right `previous`, genuine fresh data and a report, ten times the tokens it keeps.
    const forged = await oracle.submit(bob, jsonl(batches[1]!), "bob-1.jsonl", { inflate: 10 });

    const blind = await audit(program);
    for (const id of ["state", "attestations", "payouts", "solvency", "manifests", "data"] as const) assert.equal(check(blind, id).status, "pass", id);
    assert.equal(blind.verdict, "unverified");
    assert.equal(check(blind, "replay").status, "skipped");
    assert.match(check(blind, "replay").reason!, /no view key/);
    // Asked to replay encrypted data without a key: not run, so not verified (and not a failure of the data either).
    const pipeline = await startReplayPipeline({}, { workers: world.pool });
    try {
      const keyless = await auditSplitter(world.h.client().client, { splitter: program.splitter, store: world.h.store, replay: { pipeline, viewKey: null } });
      assert.equal(keyless.verdict, "unverified");
      assert.match(check(keyless, "replay").reason!, /the data is encrypted and no view key was given/);
    } finally {
      await pipeline.close();
    }

    const replayed = await audit(program, { replay: true });
    assert.equal(replayed.verdict, "failed");
    const tokens = check(replayed, "replay").findings.find((f) => f.code === "replay.tokens_mismatch")!;
    assert.equal(tokens.subject, forged.cid);
    const kept = forged.report.tokens.out / 10;
    assert.match(tokens.message, new RegExp(`keeps ${kept} tokens; the manifest \\(and so the attestation\\) says ${kept * 10}`));
  });
});

describe("the data consumers pay for", () => {
  it("is fetched and hashed to its CID: a flipped byte served with status 200, a deleted file and a failing gateway each name the submission", async () => {
    const program = await world.h.program({ committee, threshold: 2 });
    const first = await program.submit(alice, 100);
    const second = await program.submit(bob, 200);
    const third = await program.submit(alice, 300);
    const flipped = new TextEncoder().encode(`filtered-${first.manifest.sequence}`);
    flipped[0]! ^= 1;
    const gateway = await serveStoreAsGateway(world.h.store, {
      replace: new Map([[first.manifest.data.filtered.cid, flipped]]),
      missing: new Set([second.manifest.data.filtered.cid]),
      failing: new Set([third.manifest.data.report.cid]),
    });
    try {
      const report = await audit(program, { store: new GatewayStore(gateway.url) });
      assert.equal(report.verdict, "failed");
      assert.equal(check(report, "manifests").status, "pass");
      assert.deepEqual(codes(report, "data"), [
        ["data.corrupt", first.cid],
        ["data.unavailable", second.cid],
        ["data.unavailable", third.cid],
      ]);
      const [corrupt, missing, failing] = check(report, "data").findings;
      const tampered = (await computeCid(flipped)).toString();
      assert.match(corrupt!.message, new RegExp(`The filtered data of manifest ${first.cid} \\(sequence 0, ${alice}\\) is not the data its manifest names: the bytes served for ${first.manifest.data.filtered.cid} hash to ${tampered}`));
      assert.match(missing!.message, new RegExp(`The filtered data of manifest ${second.cid} .* is not available`));
      assert.match(failing!.message, new RegExp(`The report of manifest ${third.cid} .* cannot be read: .*answered 500`));
      assert.equal(check(report, "data").figures.filesVerified, 3 * 3 - 3);
    } finally {
      await gateway.close();
    }
  });

  it("decrypts, with the view key, to the plaintext its manifest commits to", async () => {
    const program = await world.h.program({ committee, threshold: 2 });
    const oracle = TestOracle.for(program, viewKey.publicKey, world.pool);
    await oracle.submit(alice, jsonl(batches[0]!), "alice-1.jsonl");
    // Sealed correctly under the submission's key, but not the documents the pipeline kept.
    const swapped = await oracle.submit(bob, jsonl(batches[1]!), "bob-1.jsonl", { storedFiltered: jsonl(["Documents nobody contributed."]) });

    const blind = await audit(program);
    assert.equal(check(blind, "data").status, "pass", "without a key only the CIDs can be checked");
    const keyed = await audit(program, { replay: true });
    assert.deepEqual(codes(keyed, "data"), [["data.filtered_commitment", swapped.cid]]);
    assert.equal(check(keyed, "data").figures.filteredDecrypted, 1);
    assert.equal(check(keyed, "replay").status, "pass", "the counts themselves replay");
    assert.equal(keyed.verdict, "failed");
  });
});

describe("a broken hash chain", () => {
  it("does not hide the other findings: each contributor's manifests, the data and the replay of the intact log are still checked", async () => {
    const { program, oracle } = await honestStart();
    const nowhere = (await computeCid(new TextEncoder().encode("a manifest nobody stored"))).toString();
    const broken = await oracle.submit(alice, jsonl(batches[2]!), "alice-2.jsonl", { previous: nowhere, inflate: 10 });

    const report = await audit(program, { replay: true });
    assert.equal(report.verdict, "failed");
    const manifests = check(report, "manifests");
    assert.deepEqual(manifests.findings.map((f) => f.code), ["manifests.chain_broken"]);
    assert.equal(manifests.figures.intactHead, program.cids[1]);
    assert.equal(check(report, "data").status, "pass");
    assert.equal(check(report, "data").figures.manifests, 3);
    const replay = check(report, "replay");
    assert.equal(replay.status, "pass");
    assert.equal(replay.figures.replayed, 2);
    assert.match(String(replay.figures.notReplayed), new RegExp(`broken at ${broken.cid}: only the 2 manifests up to ${program.cids[1]}`));
  });
});

describe("npx 1tt audit with a view key", () => {
  it("replays by default, exits 0 only when every check ran and passed, 1 on a forged count, 3 with --no-replay", async () => {
    const registry = await world.h.chain.readerRegistry();
    const program = await world.h.program({ committee, threshold: 2 });
    // The program's owner publishes the auditor's key before any submission, as the oracle seals for it.
    await world.h.send(registry, readerKeyRegistryAbi as Abi, "setProgramReaders", [program.splitter, [], [encodePublicKey(viewKey.publicKey)]], 1_000_000n);
    const oracle = TestOracle.for(program, viewKey.publicKey, world.pool);
    await oracle.submit(alice, jsonl(batches[0]!), "alice-1.jsonl");
    await oracle.submit(bob, jsonl(batches[1]!), "bob-1.jsonl");
    const dir = await mkdtemp(join(tmpdir(), "1tt-audit-key-"));
    try {
      const keyFile = join(dir, "view.key");
      await writeFile(keyFile, bytesToHex(viewKey.privateKey));
      const args = ["--rpc", world.h.chain.front.url, "--splitter", program.splitter, "--store", world.h.storeDir, "--reader-registry", registry, "--workers", "1", "--no-progress"];
      const verified = await runAuditCli([...args, "--view-key", keyFile]);
      assert.equal(verified.code, 0, verified.stdout + verified.stderr);
      assert.match(verified.stdout, /7\. replay\s+PASS\s+replayed 2, manifests 2/);
      assert.match(verified.stdout, /6\. data\s+PASS\s+filesVerified 10, files 10, filteredDecrypted 2/);
      assert.match(verified.stdout, /RESULT: Every check ran and passed: the counts were replayed and verified\./);

      const skipped = await runAuditCli([...args, "--view-key", keyFile, "--no-replay"]);
      assert.equal(skipped.code, 3, skipped.stdout + skipped.stderr);
      assert.match(skipped.stdout, /RESULT: No check failed, but counts not verified/);

      await oracle.submit(alice, jsonl(batches[2]!), "alice-2.jsonl", { inflate: 10 });
      const forged = await runAuditCli([...args, "--view-key", keyFile]);
      assert.equal(forged.code, 1, forged.stdout + forged.stderr);
      assert.match(forged.stdout, /7\. replay\s+FAIL/);
      assert.match(forged.stdout, /RESULT: The audit FAILED\./);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("history granted to an auditor who came later", () => {
  it("replays every past submission with the envelopes the committee re-wrapped for the new key, and only with them", async () => {
    const member = generateReaderKey(); // a committee member's reader key: the only one the envelopes list
    const program = await world.h.program({ committee, threshold: 2 });
    const oracle = TestOracle.for(program, member.publicKey, world.pool);
    await oracle.submit(alice, jsonl(batches[0]!), "alice-1.jsonl");
    await oracle.submit(bob, jsonl(batches[1]!), "bob-1.jsonl");
    const newcomer = generateReaderKey();
    const auditWith = async (keyGrants: string[]) => {
      const pipeline = await startReplayPipeline({}, { workers: world.pool });
      try {
        return await auditSplitter(world.h.client().client, { splitter: program.splitter, store: world.h.store, replay: { pipeline, viewKey: newcomer.privateKey }, keyGrants });
      } finally {
        await pipeline.close();
      }
    };

    const before = await auditWith([]);
    assert.equal(check(before, "replay").findings[0]!.code, "replay.not_a_reader");

    const chain = program.cids.map((cid, i) => ({ cid, manifest: program.manifests[i]! }));
    const { cid, grant } = await grantHistory({ store: world.h.store, chain, opener: member.privateKey, reader: { role: "auditor", publicKey: newcomer.publicKey } });
    assert.equal(grant.envelopes.length, 2);
    assert.ok(grant.envelopes.every((e) => e.privateKeys), "both envelopes of each submission are granted");
    const after = await auditWith([cid]);
    assert.equal(check(after, "replay").status, "pass", JSON.stringify(check(after, "replay").findings));
    assert.equal(check(after, "replay").figures.replayed, 2);
    assert.equal(check(after, "data").figures.filteredDecrypted, 2);

    // The same grant from the command line, as a committee member runs it with its reader key.
    const dir = await mkdtemp(join(tmpdir(), "1tt-grant-"));
    try {
      const [memberKeyFile, newcomerKeyFile] = [join(dir, "member.key"), join(dir, "newcomer.key")];
      await writeFile(memberKeyFile, bytesToHex(member.privateKey));
      await writeFile(newcomerKeyFile, bytesToHex(newcomer.privateKey));
      const common = ["--rpc", world.h.chain.front.url, "--splitter", program.splitter, "--store", world.h.storeDir];
      const granted = await runCli("grant-history", [...common, "--reader-key", memberKeyFile, "--to", encodePublicKey(newcomer.publicKey)]);
      assert.equal(granted.code, 0, granted.stdout + granted.stderr);
      const grantCid = /key grant (\S+)/.exec(granted.stdout)![1]!;
      const audited = await runAuditCli([...common, "--view-key", newcomerKeyFile, "--key-grant", grantCid, "--workers", "1", "--no-progress"]);
      assert.match(audited.stdout, /7\. replay\s+PASS\s+replayed 2, manifests 2/, audited.stdout + audited.stderr);
      const refused = await runCli("grant-history", [...common.slice(0, 4), "--gateway", "http://127.0.0.1:1", "--reader-key", memberKeyFile, "--to", encodePublicKey(newcomer.publicKey)]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /a gateway is read-only/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    // A grant whose envelopes are swapped between submissions opens nothing: each is bound to its own submission.
    const swapped = { ...grant, envelopes: [{ ...grant.envelopes[0]!, manifest: grant.envelopes[1]!.manifest }, { ...grant.envelopes[1]!, manifest: grant.envelopes[0]!.manifest }] };
    const forged = await auditWith([(await addJson(world.h.store, swapped)).toString()]);
    assert.equal(check(forged, "replay").findings[0]!.code, "replay.key_envelope");
    assert.match(check(forged, "replay").findings[0]!.message, /context/);
  });
});
