// Owner powers behind time: a committee change is proposed, waits the delay fixed at creation and
// can be cancelled meanwhile; the owner or the guardian pause new attestations at once, never
// claims or deposits; every attestation names the committee epoch and the signers.
import { expect } from "chai";
import { network } from "hardhat";
import { attest, attestation, committeeAccounts, deployWorld, deposit, MANIFEST_CID, replaceCommittee, sign, TWO_DAYS } from "./helpers/splitter.ts";
import type { World } from "./helpers/splitter.ts";

const { ethers, networkHelpers } = await network.create();

describe("RevenueSplitter owner powers", () => {
  let w: World;
  let alice: string;
  const fixture = () => deployWorld(ethers);
  const next = committeeAccounts(2, 42);
  const nextAddresses = next.map((a) => a.address);

  beforeEach(async () => {
    w = await networkHelpers.loadFixture(fixture);
    alice = w.others[0].address;
  });

  const attestWith = async (signers: typeof next, tokens: bigint, nonce: bigint) => {
    const a = attestation(alice, tokens, nonce);
    return w.splitter.attest(a, await sign(a, signers, w.address, w.chainId));
  };

  describe("committee changes", () => {
    it("cannot replace the committee at once: a proposal changes nothing until its delay has passed", async () => {
      const now = BigInt(await networkHelpers.time.latest());
      await expect(w.splitter.proposeCommittee(nextAddresses, 2n))
        .to.emit(w.splitter, "CommitteeProposed")
        .withArgs(2n, nextAddresses, 2n, now + 1n + TWO_DAYS);
      expect(await w.splitter.pendingCommittee()).to.deep.equal([nextAddresses, 2n, now + 1n + TWO_DAYS]);
      expect((await w.splitter.committee())[2]).to.equal(1n);
      await expect(attestWith(next, 10n, 1n)).to.be.revertedWithCustomError(w.splitter, "NotACommitteeSigner");
      await attestWith(w.committee.slice(0, 2), 10n, 1n); // the current committee still signs

      await networkHelpers.time.setNextBlockTimestamp(now + TWO_DAYS);
      await expect(w.splitter.connect(w.others[5]).activateCommittee())
        .to.be.revertedWithCustomError(w.splitter, "CommitteeProposalNotReady")
        .withArgs(now + 1n + TWO_DAYS, now + TWO_DAYS);
    });

    it("lets anyone activate the proposal once the delay has passed; removed signers stop counting", async () => {
      const proposed = await (await w.splitter.proposeCommittee(nextAddresses, 2n)).getBlock();
      await networkHelpers.time.setNextBlockTimestamp(BigInt(proposed!.timestamp) + TWO_DAYS);
      await expect(w.splitter.connect(w.others[5]).activateCommittee()).to.emit(w.splitter, "CommitteeChanged").withArgs(2n, nextAddresses, 2n);
      expect(await w.splitter.committee()).to.deep.equal([nextAddresses, 2n, 2n]);
      expect(await w.splitter.pendingCommittee()).to.deep.equal([[], 0n, 0n]);
      expect(await w.splitter.isCommitteeSigner(w.committee[0].address)).to.equal(false);
      await expect(attestWith(w.committee.slice(0, 2), 10n, 1n)).to.be.revertedWithCustomError(w.splitter, "NotACommitteeSigner");
      await attestWith(next, 10n, 1n);
      await expect(w.splitter.activateCommittee()).to.be.revertedWithCustomError(w.splitter, "NoCommitteeProposal");
    });

    it("lets the owner or the guardian cancel a pending proposal, and nobody else", async () => {
      await w.splitter.proposeCommittee(nextAddresses, 1n);
      await expect(w.splitter.connect(w.others[1]).cancelCommitteeProposal())
        .to.be.revertedWithCustomError(w.splitter, "NotOwnerOrGuardian")
        .withArgs(w.others[1].address);
      await expect(w.splitter.connect(w.guardian).cancelCommitteeProposal())
        .to.emit(w.splitter, "CommitteeProposalCancelled")
        .withArgs(2n, w.guardian.address);
      await networkHelpers.time.increase(TWO_DAYS);
      await expect(w.splitter.activateCommittee()).to.be.revertedWithCustomError(w.splitter, "NoCommitteeProposal");
      await expect(w.splitter.cancelCommitteeProposal()).to.be.revertedWithCustomError(w.splitter, "NoCommitteeProposal");
      await w.splitter.proposeCommittee(nextAddresses, 1n);
      await expect(w.splitter.cancelCommitteeProposal()).to.emit(w.splitter, "CommitteeProposalCancelled").withArgs(2n, w.owner.address);
      expect((await w.splitter.committee())[0]).to.deep.equal(w.committee.map((c) => c.address));
    });

    it("replaces a pending proposal with a new one, whose delay starts anew", async () => {
      await w.splitter.proposeCommittee(nextAddresses, 1n);
      await networkHelpers.time.increase(TWO_DAYS - 10n);
      const other = committeeAccounts(3, 43).map((a) => a.address);
      await expect(w.splitter.proposeCommittee(other, 3n))
        .to.emit(w.splitter, "CommitteeProposalCancelled")
        .withArgs(2n, w.owner.address)
        .and.to.emit(w.splitter, "CommitteeProposed");
      await networkHelpers.time.increase(20n);
      await expect(w.splitter.activateCommittee()).to.be.revertedWithCustomError(w.splitter, "CommitteeProposalNotReady");
      await networkHelpers.time.increase(TWO_DAYS);
      await w.splitter.activateCommittee();
      expect(await w.splitter.committee()).to.deep.equal([other, 3n, 2n]);
    });

    it("keeps signers that stay in the new committee, at their new place in the list", async () => {
      const kept = [nextAddresses[0], w.committee[1].address];
      await replaceCommittee(w, kept, 2n);
      expect(await w.splitter.isCommitteeSigner(w.committee[1].address)).to.equal(true);
      const a = attestation(alice, 10n, 1n);
      await expect(w.splitter.attest(a, await sign(a, [next[0], w.committee[1]], w.address, w.chainId)))
        .to.emit(w.splitter, "Attested")
        .withArgs(alice, 1n, 0n, 10n, 10n, 2n, 0b11n, MANIFEST_CID);
    });

    it("refuses a proposal from anyone but the owner, and invalid committees", async () => {
      await expect(w.splitter.connect(w.guardian).proposeCommittee(nextAddresses, 1n))
        .to.be.revertedWithCustomError(w.splitter, "OwnableUnauthorizedAccount")
        .withArgs(w.guardian.address);
      const [a, b] = nextAddresses;
      await expect(w.splitter.proposeCommittee([a, b], 0n)).to.be.revertedWithCustomError(w.splitter, "InvalidThreshold").withArgs(0n, 2n);
      await expect(w.splitter.proposeCommittee([a, b], 3n)).to.be.revertedWithCustomError(w.splitter, "InvalidThreshold").withArgs(3n, 2n);
      await expect(w.splitter.proposeCommittee([], 1n)).to.be.revertedWithCustomError(w.splitter, "InvalidThreshold").withArgs(1n, 0n);
      await expect(w.splitter.proposeCommittee([a, ethers.ZeroAddress], 1n)).to.be.revertedWithCustomError(w.splitter, "InvalidSigner").withArgs(ethers.ZeroAddress);
      await expect(w.splitter.proposeCommittee([a, b, a], 2n)).to.be.revertedWithCustomError(w.splitter, "DuplicateSigner").withArgs(a);
      const many = Array.from({ length: 256 }, (_, i) => ethers.zeroPadValue(ethers.toBeHex(i + 1), 20));
      await expect(w.splitter.proposeCommittee(many, 1n)).to.be.revertedWithCustomError(w.splitter, "TooManySigners").withArgs(256n, 255n);
      // A list refused for a duplicate leaves no mark: the same signers are accepted in a valid list.
      await w.splitter.proposeCommittee([a, b], 2n);
    });

    it("leaves the money alone", async () => {
      await attest(w, alice, 10n, 1n);
      await deposit(w, 10_000n);
      const before = [await w.splitter.rewardPerToken(), await w.splitter.claimable(alice), await w.splitter.totalDeposited()];
      await replaceCommittee(w, nextAddresses, 1n);
      expect([await w.splitter.rewardPerToken(), await w.splitter.claimable(alice), await w.splitter.totalDeposited()]).to.deep.equal(before);
    });
  });

  describe("pause", () => {
    it("lets the owner and the guardian stop new attestations at once, and start them again", async () => {
      await expect(w.splitter.connect(w.guardian).pauseAttestations()).to.emit(w.splitter, "AttestationsPaused").withArgs(w.guardian.address);
      expect(await w.splitter.attestationsPaused()).to.equal(true);
      await expect(attest(w, alice, 10n, 1n)).to.be.revertedWithCustomError(w.splitter, "AttestationsArePaused");
      await expect(w.splitter.unpause()).to.emit(w.splitter, "AttestationsUnpaused").withArgs(w.owner.address);
      await attest(w, alice, 10n, 1n);
      await w.splitter.pauseAttestations();
      await w.splitter.connect(w.guardian).unpause();
      await attest(w, alice, 20n, 2n);
      expect(await w.splitter.tokensOf(alice)).to.equal(20n);
    });

    it("never stops deposits or claims", async () => {
      await attest(w, alice, 10n, 1n);
      await w.splitter.pauseAttestations();
      await deposit(w, 10_000n);
      await expect(w.splitter.connect(w.others[0]).claim(alice)).to.emit(w.splitter, "Claimed").withArgs(alice, alice, 1_000n);
      await deposit(w, 10_000n);
      await w.splitter.claimFor(alice);
      expect(await w.usd.balanceOf(alice)).to.equal(2_000n);
    });

    it("refuses anyone but the owner and the guardian", async () => {
      const stranger = w.others[2];
      await expect(w.splitter.connect(stranger).pauseAttestations()).to.be.revertedWithCustomError(w.splitter, "NotOwnerOrGuardian").withArgs(stranger.address);
      await w.splitter.pauseAttestations();
      await expect(w.splitter.connect(stranger).unpause()).to.be.revertedWithCustomError(w.splitter, "NotOwnerOrGuardian").withArgs(stranger.address);
    });

    it("outlasts a committee change: a new committee starts paused if the program was", async () => {
      await w.splitter.pauseAttestations();
      await replaceCommittee(w, nextAddresses, 1n);
      expect(await w.splitter.attestationsPaused()).to.equal(true);
      await expect(attestWith(next.slice(0, 1), 10n, 1n)).to.be.revertedWithCustomError(w.splitter, "AttestationsArePaused");
    });
  });

  describe("Attested names its signers", () => {
    it("carries the committee epoch and one bit per signer, by place in the committee's list", async () => {
      const a = attestation(alice, 10n, 1n);
      await expect(w.splitter.attest(a, await sign(a, [w.committee[0], w.committee[2]], w.address, w.chainId)))
        .to.emit(w.splitter, "Attested")
        .withArgs(alice, 1n, 0n, 10n, 10n, 1n, 0b101n, MANIFEST_CID);
      const b = attestation(alice, 20n, 2n);
      await expect(w.splitter.attest(b, await sign(b, w.committee, w.address, w.chainId)))
        .to.emit(w.splitter, "Attested")
        .withArgs(alice, 2n, 10n, 20n, 20n, 1n, 0b111n, MANIFEST_CID);
      await replaceCommittee(w, [...nextAddresses, w.committee[2].address], 2n);
      const c = attestation(alice, 30n, 3n);
      await expect(w.splitter.attest(c, await sign(c, [next[1], w.committee[2]], w.address, w.chainId)))
        .to.emit(w.splitter, "Attested")
        .withArgs(alice, 3n, 20n, 30n, 30n, 2n, 0b110n, MANIFEST_CID);
    });
  });
});
