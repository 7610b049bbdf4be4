import { expect } from "chai";
import { network } from "hardhat";
import { committeeAccounts, deployWorld } from "./helpers/splitter.ts";
import type { World } from "./helpers/splitter.ts";

const { ethers, networkHelpers } = await network.create();

describe("RevenueSplitter creation and committee", () => {
  let w: World;
  const fixture = () => deployWorld(ethers, { alphaBps: 2_500n });
  beforeEach(async () => {
    w = await networkHelpers.loadFixture(fixture);
  });

  async function deploy(args: unknown[]) {
    const factory = await ethers.getContractFactory("RevenueSplitter");
    return factory.deploy(...(args as Parameters<typeof factory.deploy>));
  }

  it("exposes its immutable parameters and an empty state", async () => {
    expect(await w.splitter.asset()).to.equal(await w.usd.getAddress());
    expect(await w.splitter.alphaBps()).to.equal(2_500n);
    expect(await w.splitter.owner()).to.equal(w.owner.address);
    const [signers, threshold, epoch] = await w.splitter.committee();
    expect(signers).to.deep.equal(w.committee.map((c) => c.address));
    expect([threshold, epoch]).to.deep.equal([2n, 1n]);
    for (const view of ["totalTokens", "totalGrossRevenue", "totalDeposited", "totalClaimed", "held"] as const) {
      expect(await w.splitter[view]()).to.equal(0n);
    }
    expect(await w.splitter.claimable(w.others[0].address)).to.equal(0n);
    expect(await w.splitter.claimed(w.others[0].address)).to.equal(0n);
    expect(await w.splitter.PRECISION()).to.equal(1n << 48n);
    expect(await w.splitter.MAX_TOTAL_TOKENS()).to.equal((1n << 48n) - 1n);
    expect(await w.splitter.MAX_ESCROW()).to.equal((1n << 104n) - 1n);
    const domain = await w.splitter.eip712Domain();
    expect([domain.name, domain.version, domain.chainId, domain.verifyingContract]).to.deep.equal([
      "1TT RevenueSplitter", "1", w.chainId, w.address,
    ]);
  });

  it("emits the initial committee", async () => {
    const signers = committeeAccounts(2).map((a) => a.address);
    const s = await deploy([await w.usd.getAddress(), 1n, signers, 1n, w.owner.address]);
    await expect(s.deploymentTransaction()).to.emit(s, "CommitteeChanged").withArgs(1n, signers, 1n);
  });

  it("refuses a zero asset, α outside 1..10000 and a zero owner", async () => {
    const signers = [w.committee[0].address];
    const usd = await w.usd.getAddress();
    const f = await ethers.getContractFactory("RevenueSplitter");
    await expect(deploy([ethers.ZeroAddress, 1n, signers, 1n, w.owner.address])).to.be.revertedWithCustomError(f, "InvalidAsset").withArgs(ethers.ZeroAddress);
    await expect(deploy([usd, 0n, signers, 1n, w.owner.address])).to.be.revertedWithCustomError(f, "InvalidAlpha").withArgs(0n);
    await expect(deploy([usd, 10_001n, signers, 1n, w.owner.address])).to.be.revertedWithCustomError(f, "InvalidAlpha").withArgs(10_001n);
    await expect(deploy([usd, 10_000n, signers, 1n, ethers.ZeroAddress])).to.be.revertedWithCustomError(f, "OwnableInvalidOwner");
  });

  describe("setCommittee", () => {
    it("lets the owner rotate signers and threshold", async () => {
      const next = committeeAccounts(4, 5).map((a) => a.address);
      await expect(w.splitter.setCommittee(next, 3n)).to.emit(w.splitter, "CommitteeChanged").withArgs(2n, next, 3n);
      const [signers, threshold, epoch] = await w.splitter.committee();
      expect(signers).to.deep.equal(next);
      expect([threshold, epoch]).to.deep.equal([3n, 2n]);
      expect(await w.splitter.isCommitteeSigner(next[3])).to.equal(true);
      expect(await w.splitter.isCommitteeSigner(w.committee[0].address)).to.equal(false);
    });

    it("refuses anyone but the owner", async () => {
      await expect(w.splitter.connect(w.others[0]).setCommittee([w.others[0].address], 1n))
        .to.be.revertedWithCustomError(w.splitter, "OwnableUnauthorizedAccount")
        .withArgs(w.others[0].address);
    });

    it("checks 1 <= threshold <= signers", async () => {
      const two = committeeAccounts(2, 6).map((a) => a.address);
      await expect(w.splitter.setCommittee(two, 0n)).to.be.revertedWithCustomError(w.splitter, "InvalidThreshold").withArgs(0n, 2n);
      await expect(w.splitter.setCommittee(two, 3n)).to.be.revertedWithCustomError(w.splitter, "InvalidThreshold").withArgs(3n, 2n);
      await expect(w.splitter.setCommittee([], 1n)).to.be.revertedWithCustomError(w.splitter, "InvalidThreshold").withArgs(1n, 0n);
    });

    it("refuses a zero or duplicate signer", async () => {
      const [a, b] = committeeAccounts(2, 8).map((x) => x.address);
      await expect(w.splitter.setCommittee([a, ethers.ZeroAddress], 1n)).to.be.revertedWithCustomError(w.splitter, "InvalidSigner").withArgs(ethers.ZeroAddress);
      await expect(w.splitter.setCommittee([a, b, a], 2n)).to.be.revertedWithCustomError(w.splitter, "DuplicateSigner").withArgs(a);
    });

    it("refuses more than 255 signers", async () => {
      const many = Array.from({ length: 256 }, (_, i) => ethers.zeroPadValue(ethers.toBeHex(i + 1), 20));
      await expect(w.splitter.setCommittee(many, 1n)).to.be.revertedWithCustomError(w.splitter, "TooManySigners").withArgs(256n, 255n);
    });

    it("hands ownership over in two steps", async () => {
      const next = w.others[3];
      await w.splitter.transferOwnership(next.address);
      expect(await w.splitter.owner()).to.equal(w.owner.address);
      await w.splitter.connect(next).acceptOwnership();
      expect(await w.splitter.owner()).to.equal(next.address);
      await expect(w.splitter.setCommittee([next.address], 1n)).to.be.revertedWithCustomError(w.splitter, "OwnableUnauthorizedAccount");
    });
  });

  describe("RevenueSplitterFactory", () => {
    it("creates a program in one transaction and lists it", async () => {
      const factory = await ethers.deployContract("RevenueSplitterFactory");
      const signers = w.committee.map((c) => c.address);
      const usd = await w.usd.getAddress();
      const predicted = ethers.getCreateAddress({ from: await factory.getAddress(), nonce: 1 });
      await expect(factory.connect(w.others[0]).createProgram(usd, 500n, signers, 2n, w.others[1].address))
        .to.emit(factory, "ProgramCreated")
        .withArgs(predicted, usd, w.others[1].address, 500n, signers, 2n, w.others[0].address, 0n);
      expect(await factory.programCount()).to.equal(1n);
      expect(await factory.programAt(0n)).to.equal(predicted);
      expect(await factory.isProgram(predicted)).to.equal(true);
      expect(await factory.isProgram(w.address)).to.equal(false);
      const program = await ethers.getContractAt("RevenueSplitter", predicted);
      expect(await program.owner()).to.equal(w.others[1].address);
      expect(await program.alphaBps()).to.equal(500n);
      await factory.createProgram(usd, 1n, signers, 1n, w.owner.address);
      await factory.createProgram(usd, 2n, signers, 1n, w.owner.address);
      expect(await factory.programs(0n, 2n)).to.deep.equal([predicted, await factory.programAt(1n)]);
      expect(await factory.programs(1n, 10n)).to.deep.equal([await factory.programAt(1n), await factory.programAt(2n)]);
      expect(await factory.programs(3n, 10n)).to.deep.equal([]);
      expect(await factory.programs(9n, 1n)).to.deep.equal([]);
    });

    it("refuses invalid parameters with the splitter's errors", async () => {
      const factory = await ethers.deployContract("RevenueSplitterFactory");
      await expect(factory.createProgram(await w.usd.getAddress(), 0n, [w.committee[0].address], 1n, w.owner.address)).to.be.revertedWithCustomError(
        w.splitter,
        "InvalidAlpha",
      );
    });
  });

  describe("TestUSD", () => {
    it("has 6 decimals, open minting and EIP-2612", async () => {
      expect(await w.usd.decimals()).to.equal(6n);
      await w.usd.connect(w.others[2]).mint(w.others[2].address, 5n);
      expect(await w.usd.balanceOf(w.others[2].address)).to.equal(5n);
      expect(await w.usd.nonces(w.others[2].address)).to.equal(0n);
    });
  });
});
