import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { privateKeyToAccount } from "viem/accounts";
import type { Address } from "viem";
import { computeManifestCid, cidFromHex } from "../manifest/index.ts";
import { fixtureManifest, SPLITTER } from "../manifest/testing.ts";
import type { Attestation } from "../protocol/attestation.ts";
import {
  attestationForManifest,
  combineSignatures,
  InvalidAttestationSignatureError,
  NotACommitteeMemberError,
  recoverAttestationSigner,
  signAttestation,
  ThresholdNotMetError,
} from "./index.ts";

const members = [1, 2, 3].map((i) => privateKeyToAccount(`0x${i.toString(16).padStart(64, "7")}`));
const outsider = privateKeyToAccount(`0x${"99".repeat(32)}`);
const committee = { signers: members.map((m) => m.address), threshold: 2 };
const attestation: Attestation = {
  contributor: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  tokens: 1_234n,
  nonce: 1n,
  deadline: 2n ** 40n,
  manifestCid: "0x01551220" + "ab".repeat(32) as `0x${string}`,
};

describe("committee signatures", () => {
  it("signs and recovers the signer; another chain or splitter recovers someone else", async () => {
    const signed = await signAttestation(members[0]!, 31337, SPLITTER, attestation);
    assert.equal(signed.signer, members[0]!.address);
    assert.equal(await recoverAttestationSigner({ chainId: 31337, splitter: SPLITTER, attestation, signature: signed.signature }), members[0]!.address);
    assert.notEqual(await recoverAttestationSigner({ chainId: 1, splitter: SPLITTER, attestation, signature: signed.signature }), members[0]!.address);
    const other = "0x0000000000000000000000000000000000000001" as Address;
    assert.notEqual(await recoverAttestationSigner({ chainId: 31337, splitter: other, attestation, signature: signed.signature }), members[0]!.address);
  });

  it("combines M of N into threshold signatures ordered by signer, whatever order they came in", async () => {
    const signed = await Promise.all(members.map((m) => signAttestation(m, 31337, SPLITTER, attestation)));
    const combined = await combineSignatures({ chainId: 31337, splitter: SPLITTER, attestation, signatures: signed.slice().reverse(), committee });
    assert.equal(combined.signers.length, 2);
    assert.ok(BigInt(combined.signers[0]!) < BigInt(combined.signers[1]!));
    assert.equal(combined.signatures.length, 2 + 2 * 130);
    const first = signed.find((s) => s.signer === combined.signers[0])!;
    assert.equal(combined.signatures.slice(2, 132), first.signature.slice(2));
  });

  it("refuses a signature that is not the claimed signer's", async () => {
    const good = await signAttestation(members[0]!, 31337, SPLITTER, attestation);
    const forged = { signer: members[1]!.address, signature: good.signature };
    await assert.rejects(
      combineSignatures({ chainId: 31337, splitter: SPLITTER, attestation, signatures: [good, forged], committee }),
      (e: unknown) => e instanceof InvalidAttestationSignatureError && e.signer === members[1]!.address && e.recovered === members[0]!.address,
    );
    const garbage = { signer: members[1]!.address, signature: `0x${"00".repeat(65)}` as `0x${string}` };
    await assert.rejects(combineSignatures({ chainId: 31337, splitter: SPLITTER, attestation, signatures: [good, garbage], committee }), InvalidAttestationSignatureError);
  });

  it("refuses a signer outside the committee", async () => {
    const signed = await Promise.all([members[0]!, outsider].map((m) => signAttestation(m, 31337, SPLITTER, attestation)));
    await assert.rejects(combineSignatures({ chainId: 31337, splitter: SPLITTER, attestation, signatures: signed, committee }), NotACommitteeMemberError);
  });

  it("refuses fewer signatures than the threshold (the same member twice counts once)", async () => {
    const one = await signAttestation(members[0]!, 31337, SPLITTER, attestation);
    await assert.rejects(
      combineSignatures({ chainId: 31337, splitter: SPLITTER, attestation, signatures: [one, one], committee }),
      (e: unknown) => e instanceof ThresholdNotMetError && e.count === 1 && e.threshold === 2 && /1 valid committee signature, the threshold is 2/.test(e.message),
    );
  });
});

describe("the attestation of a manifest", () => {
  it("states the cumulative total, nonce = contributor sequence + 1, and the manifest's binary CID", async () => {
    const manifest = await fixtureManifest({ sequence: 3, previous: "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", contributorSequence: 2, previousCumulative: 5_000 });
    const cid = await computeManifestCid(manifest);
    const a = attestationForManifest(manifest, cid, 99n);
    assert.equal(a.contributor, manifest.contributor);
    assert.equal(a.tokens, 6_000n);
    assert.equal(a.nonce, 3n);
    assert.equal(a.deadline, 99n);
    assert.ok(cidFromHex(a.manifestCid).equals(cid));
  });
});
