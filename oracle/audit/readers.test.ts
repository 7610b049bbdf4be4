// The reader check: with the chain's ReaderKeyRegistry, every encrypted submission's key envelope
// must list the consumer, auditor and committee keys published on chain when it was attested.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Abi, Address, Hex } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { memberReaderKeySignature } from "../attest/reader-keys.ts";
import { encodePublicKey, generateReaderKey } from "../crypto/index.ts";
import type { ReaderSpec } from "../crypto/key-envelope.ts";
import { readerKeyRegistryAbi } from "../protocol/abi.ts";
import { computeJsonCid } from "../store/json.ts";
import { auditSplitter, type AuditReport } from "./index.ts";
import { contributors, Harness, testAccounts, type Program } from "./testing/harness.ts";

let h: Harness;
let registry: Address;
before(async () => {
  h = await Harness.start();
  registry = await h.chain.readerRegistry();
});
after(async () => {
  await h?.close();
});

const [alice, bob] = contributors(2, 61);
const committee = testAccounts(2, 62);
const [newcomer] = testAccounts(1, 63);
const key = () => encodePublicKey(generateReaderKey().publicKey);
const [contributorKey, consumer1, consumer2, auditor, member0Key, newcomerKey] = Array.from({ length: 6 }, key);

const readersOf = (r: AuditReport) => r.checks.find((c) => c.id === "readers")!;
const messages = (r: AuditReport) => readersOf(r).findings.map((f) => `${f.code}: ${f.message}`).join("\n");

async function setProgramReaders(p: Program, consumers: Hex[], auditors: Hex[]): Promise<void> {
  await h.send(registry, readerKeyRegistryAbi as Abi, "setProgramReaders", [p.splitter, consumers, auditors], 1_000_000n);
}

/** The member signs; the harness's deployer relays. */
async function publishMemberKey(p: Program, member: PrivateKeyAccount, publicKey: Hex): Promise<void> {
  const nonce = await h.chain.publicClient.readContract({ address: registry, abi: readerKeyRegistryAbi, functionName: "nonces", args: [member.address] });
  const message = { program: p.splitter, signer: member.address, key: publicKey, nonce, deadline: h.now + 86_400n };
  const signature = await memberReaderKeySignature(member, hardhat.id, registry, message);
  await h.send(registry, readerKeyRegistryAbi as Abi, "setMemberReaderKeyBySig", [p.splitter, member.address, publicKey, nonce, message.deadline, signature], 300_000n);
}

const envelope = (...readers: ReaderSpec[]): ReaderSpec[] => [{ role: "contributor", publicKey: contributorKey }, ...readers];
const audit = (p: Program, options: { registry?: Address | null; fromBlock?: bigint } = {}) =>
  auditSplitter(h.client().client, {
    splitter: p.splitter,
    store: h.store,
    readerRegistry: options.registry === null ? null : { address: options.registry ?? registry, fromBlock: options.fromBlock },
  });

describe("the reader check", () => {
  it("passes when every envelope lists the keys in force at its attestation, through rotations of keys and committee", async () => {
    const p = await h.program({ committee, threshold: 1 });
    // Written before the two-envelope split, while no consumer could read: one envelope is fine.
    await p.submit(alice, 100, { readers: envelope(), privateReaders: null }); // nothing published yet: only the contributor is required
    await setProgramReaders(p, [consumer1], [auditor]);
    await publishMemberKey(p, committee[0]!, member0Key);
    await publishMemberKey(p, newcomer!, newcomerKey); // not a member yet: required of no one
    const member0 = { role: "committee" as const, id: committee[0]!.address, publicKey: member0Key };
    await p.submit(bob, 200, { readers: envelope({ role: "consumer", publicKey: consumer1 }, { role: "auditor", publicKey: auditor }, member0) });
    await setProgramReaders(p, [consumer2], []);
    await p.submit(alice, 300, { readers: envelope({ role: "consumer", publicKey: consumer2 }, member0) });
    await p.rotate([newcomer!], 1);
    await p.submit(bob, 50, { readers: envelope({ role: "consumer", publicKey: consumer2 }, { role: "committee", id: newcomer!.address, publicKey: newcomerKey }), signers: [newcomer!] });
    await p.submit(alice, 10, {}); // clear text (development): not this check's business
    await setProgramReaders(p, [consumer2], [auditor]); // an auditor can replay it all (required of no submission before it)

    const report = await audit(p);
    const readers = readersOf(report);
    assert.equal(readers.status, "pass", messages(report));
    assert.equal(report.ok, true, JSON.stringify(report.checks.filter((c) => c.status !== "pass" && c.id !== "replay")));
    assert.equal(readers.figures.envelopesChecked, 1 + 2 + 2 + 2);
    assert.equal(readers.figures.clearText, 1);
    // Filtered data: every reader; raw files and report: every reader but the consumers.
    assert.equal(readers.figures.readersRequired, 0 + (3 + 2) + (2 + 1) + (2 + 1));
    assert.equal(readers.figures.keyEvents, 5);
    assert.deepEqual([readers.figures.consumers, readers.figures.auditors, readers.figures.membersWithKeys], [1, 1, 1]);

    // Without the registry the check is skipped and the verdict is the same.
    const without = await audit(p, { registry: null });
    assert.equal(readersOf(without).status, "skipped");
    assert.match(readersOf(without).reason!, /--reader-registry/);
    assert.equal(without.ok, true);
  });

  it("reports each missing reader, a member listed with another key, and an envelope that cannot be read", async () => {
    const p = await h.program({ committee, threshold: 1 });
    await setProgramReaders(p, [consumer1], [auditor]);
    await publishMemberKey(p, committee[1]!, member0Key);
    const consumer = { role: "consumer" as const, publicKey: consumer1 };
    const theAuditor = { role: "auditor" as const, publicKey: auditor };
    const member = { role: "committee" as const, id: committee[1]!.address, publicKey: member0Key };
    const noAuditor = await p.submit(alice, 100, { readers: envelope(consumer, member) });
    const noMember = await p.submit(bob, 100, { readers: envelope(consumer, theAuditor) });
    const otherKey = await p.submit(alice, 100, { readers: envelope(consumer, theAuditor, { ...member, publicKey: consumer2 }) });
    const consumerAsAuditor = await p.submit(bob, 100, { readers: envelope({ role: "auditor", publicKey: consumer1 }, theAuditor, member) });
    // An envelope CID that was never stored: a valid CID whose content is not in the store.
    const absent = (await computeJsonCid({ schema: "1tt/keys@1", never: "stored" })).toString();
    const unreadable = await p.submit(alice, 100, { readers: envelope(consumer, theAuditor, member), keysCid: absent });

    const report = await audit(p);
    const readers = readersOf(report);
    assert.equal(readers.status, "fail");
    assert.equal(report.ok, false);
    for (const c of report.checks.filter((c) => !["readers", "replay", "data"].includes(c.id))) assert.equal(c.status, "pass", `${c.id}: ${c.findings.map((f) => f.message).join(" | ")}`);
    // The envelope that was never stored is also missing data, named by its submission.
    assert.deepEqual(report.checks.find((c) => c.id === "data")!.findings.map((f) => [f.code, f.subject]), [["data.unavailable", unreadable.cid]]);
    const found = readers.findings.map((f) => [f.code, f.subject]);
    // Each envelope of a submission (filtered data, then raw files and report) is reported on its own.
    assert.deepEqual(found, [
      ["readers.missing_auditor", noAuditor.cid],
      ["readers.missing_auditor", noAuditor.cid],
      ["readers.missing_member", noMember.cid],
      ["readers.missing_member", noMember.cid],
      ["readers.missing_member", otherKey.cid],
      ["readers.missing_member", otherKey.cid],
      ["readers.missing_consumer", consumerAsAuditor.cid],
      ["readers.consumer_reads_raw", consumerAsAuditor.cid],
      ["readers.envelope_unreadable", unreadable.cid],
    ], messages(report));
    assert.match(readers.findings[0]!.message, new RegExp(`does not list the auditor key ${auditor}, published on chain in block \\d+`));
    assert.match(readers.findings[4]!.message, new RegExp(`it lists ${consumer2} for it`));
    assert.equal(readers.findingCount, 9);
  });

  it("checks the raw files' envelope too: every published reader but the consumers, and never a consumer", async () => {
    const p = await h.program({ committee, threshold: 1 });
    await setProgramReaders(p, [consumer1], [auditor]);
    const consumer = { role: "consumer" as const, publicKey: consumer1 };
    const theAuditor = { role: "auditor" as const, publicKey: auditor };
    const sealed = await p.submit(alice, 100, { readers: envelope(consumer, theAuditor), privateReaders: envelope(theAuditor) });
    const leaky = await p.submit(bob, 100, { readers: envelope(consumer, theAuditor), privateReaders: envelope(theAuditor, consumer) });
    const noAuditor = await p.submit(alice, 100, { readers: envelope(consumer, theAuditor), privateReaders: envelope() });

    const readers = readersOf(await audit(p));
    assert.equal(readers.status, "fail");
    assert.deepEqual(readers.findings.map((f) => [f.code, f.subject]), [
      ["readers.consumer_reads_raw", leaky.cid],
      ["readers.missing_auditor", noAuditor.cid],
    ]);
    assert.ok(!readers.findings.some((f) => f.subject === sealed.cid));
    assert.match(readers.findings[0]!.message, new RegExp(`lists the consumer key ${consumer1}: consumers read the filtered data only`));
    assert.equal(readers.figures.envelopesChecked, 6);
  });

  it("fails when the registry address is not a registry, and when its logs are read from too late a block", async () => {
    const p = await h.program({ committee, threshold: 1 });
    await setProgramReaders(p, [consumer1], [auditor]);
    const theAuditor = { role: "auditor" as const, publicKey: auditor };
    await p.submit(alice, 100, { readers: envelope({ role: "consumer", publicKey: consumer1 }, theAuditor) });

    const notRegistry = readersOf(await audit(p, { registry: p.splitter }));
    assert.equal(notRegistry.status, "fail");
    assert.equal(notRegistry.findings[0]!.code, "readers.no_registry");
    const nothing = readersOf(await audit(p, { registry: alice }));
    assert.match(nothing.findings[0]!.message, /No contract at/);

    // Logs from after the publication: the envelope looks fine, but the rebuilt state is not the registry's.
    const late = readersOf(await audit(p, { fromBlock: await h.chain.publicClient.getBlockNumber() }));
    assert.equal(late.status, "fail");
    assert.deepEqual(late.findings.map((f) => f.code), ["readers.state_mismatch"]);
  });

  it("fails a submission with one envelope for everything once the private envelope exists, or while consumers can read it", async () => {
    const p = await h.program({ committee, threshold: 1 });
    const consumer = { role: "consumer" as const, publicKey: consumer1 };
    const theAuditor = { role: "auditor" as const, publicKey: auditor };
    await setProgramReaders(p, [], [auditor]);
    const split = await p.submit(alice, 100, { readers: envelope(theAuditor) });
    const backToOne = await p.submit(bob, 100, { readers: envelope(theAuditor), privateReaders: null });
    await setProgramReaders(p, [consumer1], [auditor]);
    // A forged manifest with one envelope that lists the consumer: whoever holds the consumer key would open the raw data, PII included.
    const consumerReadsRaw = await p.submit(alice, 100, { readers: envelope(consumer, theAuditor), privateReaders: null });

    const readers = readersOf(await audit(p));
    assert.equal(readers.status, "fail");
    assert.deepEqual(readers.findings.map((f) => [f.code, f.subject]), [
      ["readers.missing_private_envelope", backToOne.cid],
      ["readers.missing_private_envelope", consumerReadsRaw.cid],
      ["readers.consumer_reads_raw", consumerReadsRaw.cid],
    ], messages(await audit(p)));
    assert.ok(!readers.findings.some((f) => f.subject === split.cid));
    assert.match(readers.findings[0]!.message, /has one key envelope for everything \(no privateKeys\), though earlier submissions have the private envelope/);
    assert.match(readers.findings[2]!.message, new RegExp(`which opens its raw files and report, lists the consumer key ${consumer1}`));
  });

  it("fails a program whose encrypted submissions no published auditor key can open", async () => {
    const p = await h.program({ committee, threshold: 1 });
    await setProgramReaders(p, [consumer1], []);
    await p.submit(alice, 100, { readers: envelope({ role: "consumer", publicKey: consumer1 }) });
    const readers = readersOf(await audit(p));
    assert.deepEqual(readers.findings.map((f) => [f.code, f.subject]), [["readers.no_auditor", p.splitter]]);
    assert.match(readers.findings[0]!.message, /has encrypted submissions but no auditor reader key in the registry/);

    const clear = await h.program({ committee, threshold: 1 });
    await clear.submit(alice, 100); // clear text: anyone can replay it
    assert.equal(readersOf(await audit(clear)).status, "pass");
  });
});
