import { expect } from "chai";
import { network } from "hardhat";
import type { Address, Hex } from "viem";
import { attestationTypedData } from "../oracle/protocol/attestation.ts";
import { MANIFEST_CID, attest, attestation, committeeAccounts, deployWorld, deposit, replaceCommittee, sign } from "./helpers/splitter.ts";
import type { World } from "./helpers/splitter.ts";

const { ethers, networkHelpers } = await network.create();
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

describe("RevenueSplitter attestations", () => {
  let w: World;
  let alice: string;
  let bob: string;
  const fixture = () => deployWorld(ethers);

  beforeEach(async () => {
    w = await networkHelpers.loadFixture(fixture);
    [alice, bob] = [w.others[0].address, w.others[1].address];
  });

  it("sets a contributor's cumulative tokens and emits the manifest CID", async () => {
    await expect(attest(w, alice, 1_000n, 1n))
      .to.emit(w.splitter, "Attested")
      .withArgs(alice, 1n, 0n, 1_000n, 1_000n, 1n, 0b11n, MANIFEST_CID);
    expect(await w.splitter.tokensOf(alice)).to.equal(1_000n);
    expect(await w.splitter.totalTokens()).to.equal(1_000n);
    expect(await w.splitter.nonceOf(alice)).to.equal(1n);
    expect(await w.splitter.shareOf(alice)).to.deep.equal([1_000n, 1_000n]);
  });

  it("lets anyone submit a signed attestation", async () => {
    const a = attestation(alice, 5n, 1n);
    const sigs = await sign(a, w.committee.slice(0, 2), w.address, w.chainId);
    await w.splitter.connect(w.others[5]).attest(a, sigs);
    expect(await w.splitter.tokensOf(alice)).to.equal(5n);
  });

  it("computes the same digest as viem from the shared typed data", async () => {
    const { hashTypedData } = await import("viem");
    const a = attestation(alice, 7n, 3n);
    expect(await w.splitter.hashAttestation(a)).to.equal(hashTypedData(attestationTypedData(w.chainId, w.address, a)));
  });

  it("lets T_i go down and keeps ΣT in step", async () => {
    await attest(w, alice, 1_000n, 1n);
    await attest(w, bob, 500n, 1n);
    await expect(attest(w, alice, 200n, 2n))
      .to.emit(w.splitter, "Attested")
      .withArgs(alice, 2n, 1_000n, 200n, 700n, 1n, 0b11n, MANIFEST_CID);
    await attest(w, alice, 0n, 3n);
    expect(await w.splitter.totalTokens()).to.equal(500n);
  });

  it("accepts more signatures than the threshold when all are current signers", async () => {
    await attest(w, alice, 10n, 1n, 3);
    expect(await w.splitter.tokensOf(alice)).to.equal(10n);
  });

  it("keeps what was earned when the count changes (settle before change)", async () => {
    await attest(w, alice, 100n, 1n);
    await deposit(w, 10_000n); // 1,000 units to alice
    await attest(w, alice, 300n, 2n);
    await attest(w, bob, 100n, 1n);
    await deposit(w, 4_000n); // 400 units: 300 to alice, 100 to bob
    expect(await w.splitter.claimable(alice)).to.equal(1_300n);
    expect(await w.splitter.claimable(bob)).to.equal(100n);
  });

  describe("attacks", () => {
    it("refuses a replayed attestation", async () => {
      const a = attestation(alice, 10n, 1n);
      const sigs = await sign(a, w.committee.slice(0, 2), w.address, w.chainId);
      await w.splitter.attest(a, sigs);
      await expect(w.splitter.attest(a, sigs)).to.be.revertedWithCustomError(w.splitter, "StaleNonce").withArgs(alice, 1n, 1n);
    });

    it("refuses an older attestation submitted after a newer one", async () => {
      const old = attestation(alice, 10n, 1n);
      const oldSigs = await sign(old, w.committee.slice(0, 2), w.address, w.chainId);
      await attest(w, alice, 20n, 2n);
      await expect(w.splitter.attest(old, oldSigs)).to.be.revertedWithCustomError(w.splitter, "StaleNonce").withArgs(alice, 1n, 2n);
    });

    it("refuses the same attestation on another splitter", async () => {
      const other = await ethers.deployContract("RevenueSplitter", [
        await w.usd.getAddress(), 1_000n, w.committee.map((c) => c.address), 2n, w.owner.address, ethers.ZeroAddress, 0n,
      ]);
      const a = attestation(alice, 10n, 1n);
      const sigs = await sign(a, w.committee.slice(0, 2), w.address, w.chainId);
      await expect(other.attest(a, sigs)).to.be.revertedWithCustomError(other, "NotACommitteeSigner");
    });

    it("refuses an attestation signed for another chain id", async () => {
      const a = attestation(alice, 10n, 1n);
      const sigs = await sign(a, w.committee.slice(0, 2), w.address, w.chainId + 1n);
      await expect(w.splitter.attest(a, sigs)).to.be.revertedWithCustomError(w.splitter, "NotACommitteeSigner");
    });

    it("refuses an expired attestation", async () => {
      const now = BigInt(await networkHelpers.time.latest());
      const a = attestation(alice, 10n, 1n, { deadline: now + 10n });
      const sigs = await sign(a, w.committee.slice(0, 2), w.address, w.chainId);
      await networkHelpers.time.setNextBlockTimestamp(now + 11n);
      await expect(w.splitter.attest(a, sigs))
        .to.be.revertedWithCustomError(w.splitter, "AttestationExpired")
        .withArgs(now + 10n, now + 11n);
    });

    it("accepts an attestation in the second of its deadline", async () => {
      const now = BigInt(await networkHelpers.time.latest());
      const a = attestation(alice, 10n, 1n, { deadline: now + 10n });
      const sigs = await sign(a, w.committee.slice(0, 2), w.address, w.chainId);
      await networkHelpers.time.setNextBlockTimestamp(now + 10n);
      await w.splitter.attest(a, sigs);
    });

    it("refuses a duplicated signer", async () => {
      const a = attestation(alice, 10n, 1n);
      const one = await sign(a, [w.committee[0]], w.address, w.chainId);
      const twice = (one + one.slice(2)) as Hex;
      await expect(w.splitter.attest(a, twice))
        .to.be.revertedWithCustomError(w.splitter, "SignersNotInOrder")
        .withArgs(w.committee[0].address, w.committee[0].address);
    });

    it("refuses signatures out of order", async () => {
      const a = attestation(alice, 10n, 1n);
      const ordered = await sign(a, w.committee.slice(0, 2), w.address, w.chainId);
      const reversed = ("0x" + ordered.slice(132) + ordered.slice(2, 132)) as Hex;
      await expect(w.splitter.attest(a, reversed)).to.be.revertedWithCustomError(w.splitter, "SignersNotInOrder");
    });

    it("refuses too few signers", async () => {
      const a = attestation(alice, 10n, 1n);
      const sigs = await sign(a, [w.committee[0]], w.address, w.chainId);
      await expect(w.splitter.attest(a, sigs)).to.be.revertedWithCustomError(w.splitter, "NotEnoughSignatures").withArgs(1n, 2n);
      await expect(w.splitter.attest(a, "0x")).to.be.revertedWithCustomError(w.splitter, "NotEnoughSignatures").withArgs(0n, 2n);
    });

    it("refuses signatures that are not 65 bytes each", async () => {
      const a = attestation(alice, 10n, 1n);
      const sigs = await sign(a, w.committee.slice(0, 2), w.address, w.chainId);
      await expect(w.splitter.attest(a, (sigs + "00") as Hex))
        .to.be.revertedWithCustomError(w.splitter, "InvalidSignaturesLength")
        .withArgs(131n);
    });

    it("refuses a signer that is not in the committee", async () => {
      const [stranger] = committeeAccounts(1, 99);
      const a = attestation(alice, 10n, 1n);
      const sigs = await sign(a, [w.committee[0], stranger], w.address, w.chainId);
      await expect(w.splitter.attest(a, sigs))
        .to.be.revertedWithCustomError(w.splitter, "NotACommitteeSigner")
        .withArgs(stranger.address, 1n);
    });

    it("stops counting a removed signer at once", async () => {
      const a = attestation(alice, 10n, 1n);
      const sigs = await sign(a, w.committee.slice(0, 2), w.address, w.chainId); // signed before rotation
      const fresh = committeeAccounts(2, 7);
      await replaceCommittee(w, [w.committee[0].address, fresh[0].address, fresh[1].address], 2n);
      const removed = w.committee[1].address;
      await expect(w.splitter.attest(a, sigs)).to.be.revertedWithCustomError(w.splitter, "NotACommitteeSigner").withArgs(removed, 2n);
      expect(await w.splitter.isCommitteeSigner(removed)).to.equal(false);
      const resigned = await sign(a, [w.committee[0], fresh[0]], w.address, w.chainId);
      await w.splitter.attest(a, resigned);
    });

    it("refuses a malleable (high-s) signature", async () => {
      const a = attestation(alice, 10n, 1n);
      const sigs = await sign(a, w.committee.slice(0, 2), w.address, w.chainId);
      const first = sigs.slice(2, 132);
      const r = first.slice(0, 64);
      const s = BigInt("0x" + first.slice(64, 128));
      const v = parseInt(first.slice(128, 130), 16);
      const highS = (SECP256K1_N - s).toString(16).padStart(64, "0");
      const flipped = (v === 27 ? 28 : 27).toString(16);
      const malleable = ("0x" + r + highS + flipped + sigs.slice(132)) as Hex;
      await expect(w.splitter.attest(a, malleable))
        .to.be.revertedWithCustomError(w.splitter, "ECDSAInvalidSignatureS")
        .withArgs("0x" + highS);
    });

    it("refuses a garbage signature", async () => {
      const a = attestation(alice, 10n, 1n);
      const bad = ("0x" + "00".repeat(64) + "1b" + "00".repeat(65)) as Hex;
      await expect(w.splitter.attest(a, bad)).to.be.revertedWithCustomError(w.splitter, "ECDSAInvalidSignature");
    });

    it("refuses an attestation whose fields were changed after signing", async () => {
      const a = attestation(alice, 10n, 1n);
      const sigs = await sign(a, w.committee.slice(0, 2), w.address, w.chainId);
      await expect(w.splitter.attest({ ...a, tokens: 11n }, sigs)).to.be.revertedWithCustomError(w.splitter, "NotACommitteeSigner");
      await expect(w.splitter.attest({ ...a, manifestCid: `0x01551220${"cd".repeat(32)}` }, sigs)).to.be.revertedWithCustomError(w.splitter, "NotACommitteeSigner");
    });

    it("refuses a manifestCid that is not a CIDv1 of a raw or dag-pb block with a sha2-256 digest, even when the committee signed it", async () => {
      const digest = "ab".repeat(32);
      const refused: Record<string, Hex> = {
        empty: "0x",
        "one byte": "0x01",
        "CIDv0 (a bare multihash)": `0x1220${digest}`,
        "dag-cbor codec": `0x01711220${digest}`,
        "sha2-512 multihash": `0x01551340${digest}${digest}`,
        "a digest one byte short": `0x01551220${digest.slice(2)}`,
        "a byte too many": `0x01551220${digest}00`,
      };
      for (const [what, manifestCid] of Object.entries(refused)) {
        const a = attestation(alice, 10n, 1n, { manifestCid });
        const sigs = await sign(a, w.committee.slice(0, 2), w.address, w.chainId);
        await expect(w.splitter.attest(a, sigs), what).to.be.revertedWithCustomError(w.splitter, "InvalidManifestCid").withArgs(manifestCid);
      }
      // A manifest over 1 MiB is a dag-pb root: accepted like a raw one.
      const dagPb = attestation(alice, 10n, 1n, { manifestCid: `0x01701220${digest}` });
      await w.splitter.attest(dagPb, await sign(dagPb, w.committee.slice(0, 2), w.address, w.chainId));
      expect(await w.splitter.tokensOf(alice)).to.equal(10n);
    });

    it("refuses crediting the zero address", async () => {
      const zero = "0x0000000000000000000000000000000000000000";
      const a = attestation(zero, 10n, 1n);
      const sigs = await sign(a, w.committee.slice(0, 2), w.address, w.chainId);
      await expect(w.splitter.attest(a, sigs)).to.be.revertedWithCustomError(w.splitter, "InvalidContributor").withArgs(zero);
    });

    it("refuses a nonce more than 2**16 above the last, so no attestation can use up a contributor's nonces", async () => {
      const step = 1n << 16n;
      expect(await w.splitter.MAX_NONCE_STEP()).to.equal(step);
      const far = attestation(alice, 10n, step + 1n);
      const sigs = await sign(far, w.committee.slice(0, 2), w.address, w.chainId);
      await expect(w.splitter.attest(far, sigs)).to.be.revertedWithCustomError(w.splitter, "NonceOutOfRange").withArgs(step + 1n, 0n, step, (1n << 48n) - 1n);
      const max = attestation(alice, 10n, (1n << 48n) - 1n);
      await expect(w.splitter.attest(max, await sign(max, w.committee.slice(0, 2), w.address, w.chainId))).to.be.revertedWithCustomError(w.splitter, "NonceOutOfRange");
      await attest(w, alice, 10n, step); // exactly the step: accepted
      expect(await w.splitter.nonceOf(alice)).to.equal(step);
      await attest(w, alice, 11n, 2n * step);
      expect(await w.splitter.nonceOf(alice)).to.equal(2n * step);
    });

    it("refuses a ΣT above 2**48 - 1", async () => {
      const max = (1n << 48n) - 1n;
      await attest(w, alice, max - 5n, 1n);
      await expect(attest(w, bob, 6n, 1n))
        .to.be.revertedWithCustomError(w.splitter, "TotalTokensAboveLimit")
        .withArgs(6n, max - 5n, max);
      await attest(w, bob, 5n, 1n);
      expect(await w.splitter.totalTokens()).to.equal(max);
      const huge = attestation(alice, 2n ** 255n, 2n);
      const sigs = await sign(huge, w.committee.slice(0, 2), w.address, w.chainId);
      await expect(w.splitter.attest(huge, sigs)).to.be.revertedWithCustomError(w.splitter, "TotalTokensAboveLimit");
    });
  });
});

export type { Address };
