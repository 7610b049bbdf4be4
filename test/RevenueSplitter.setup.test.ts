import { expect } from "chai";
import { network } from "hardhat";
import { committeeAccounts, deployWorld, TWO_DAYS } from "./helpers/splitter.ts";
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
    expect(await w.splitter.PRECISION()).to.equal(1n << 80n);
    expect(await w.splitter.MAX_TOTAL_TOKENS()).to.equal((1n << 48n) - 1n);
    expect(await w.splitter.MAX_ESCROW()).to.equal((1n << 88n) - 1n);
    expect(await w.splitter.guardian()).to.equal(w.guardian.address);
    expect(await w.splitter.committeeDelay()).to.equal(TWO_DAYS);
    expect(await w.splitter.attestationsPaused()).to.equal(false);
    expect(await w.splitter.pendingCommittee()).to.deep.equal([[], 0n, 0n]);
    const domain = await w.splitter.eip712Domain();
    expect([domain.name, domain.version, domain.chainId, domain.verifyingContract]).to.deep.equal([
      "1TT RevenueSplitter", "1", w.chainId, w.address,
    ]);
  });

  it("emits the initial committee", async () => {
    const signers = committeeAccounts(2).map((a) => a.address);
    const s = await deploy([await w.usd.getAddress(), 1n, signers, 1n, w.owner.address, ethers.ZeroAddress, 0n]);
    await expect(s.deploymentTransaction()).to.emit(s, "CommitteeChanged").withArgs(1n, signers, 1n);
  });

  it("refuses a zero asset, α outside 1..10000, a zero owner and a committee delay above 90 days", async () => {
    const signers = [w.committee[0].address];
    const usd = await w.usd.getAddress();
    const f = await ethers.getContractFactory("RevenueSplitter");
    const rest = [ethers.ZeroAddress, TWO_DAYS];
    await expect(deploy([ethers.ZeroAddress, 1n, signers, 1n, w.owner.address, ...rest])).to.be.revertedWithCustomError(f, "InvalidAsset").withArgs(ethers.ZeroAddress);
    await expect(deploy([usd, 0n, signers, 1n, w.owner.address, ...rest])).to.be.revertedWithCustomError(f, "InvalidAlpha").withArgs(0n);
    await expect(deploy([usd, 10_001n, signers, 1n, w.owner.address, ...rest])).to.be.revertedWithCustomError(f, "InvalidAlpha").withArgs(10_001n);
    await expect(deploy([usd, 10_000n, signers, 1n, ethers.ZeroAddress, ...rest])).to.be.revertedWithCustomError(f, "OwnableInvalidOwner");
    const ninetyDays = 90n * 24n * 3600n;
    await expect(deploy([usd, 1n, signers, 1n, w.owner.address, ethers.ZeroAddress, ninetyDays + 1n]))
      .to.be.revertedWithCustomError(f, "InvalidCommitteeDelay")
      .withArgs(ninetyDays + 1n, ninetyDays);
    expect(await (await deploy([usd, 1n, signers, 1n, w.owner.address, ethers.ZeroAddress, ninetyDays])).committeeDelay()).to.equal(ninetyDays);
  });

  it("checks the initial committee as it checks a proposed one", async () => {
    const usd = await w.usd.getAddress();
    const f = await ethers.getContractFactory("RevenueSplitter");
    const [a, b] = committeeAccounts(2, 8).map((x) => x.address);
    const make = (signers: string[], threshold: bigint) => deploy([usd, 1n, signers, threshold, w.owner.address, ethers.ZeroAddress, 0n]);
    await expect(make([a, b], 3n)).to.be.revertedWithCustomError(f, "InvalidThreshold").withArgs(3n, 2n);
    await expect(make([a, b, a], 2n)).to.be.revertedWithCustomError(f, "DuplicateSigner").withArgs(a);
    await expect(make([a, ethers.ZeroAddress], 1n)).to.be.revertedWithCustomError(f, "InvalidSigner").withArgs(ethers.ZeroAddress);
  });

  it("hands ownership over in two steps", async () => {
    const next = w.others[3];
    await w.splitter.transferOwnership(next.address);
    expect(await w.splitter.owner()).to.equal(w.owner.address);
    await w.splitter.connect(next).acceptOwnership();
    expect(await w.splitter.owner()).to.equal(next.address);
    await expect(w.splitter.proposeCommittee([next.address], 1n)).to.be.revertedWithCustomError(w.splitter, "OwnableUnauthorizedAccount");
  });


  describe("RevenueSplitterFactory", () => {
    it("creates a program in one transaction and lists it", async () => {
      const factory = await ethers.deployContract("RevenueSplitterFactory");
      const signers = w.committee.map((c) => c.address);
      const usd = await w.usd.getAddress();
      const predicted = ethers.getCreateAddress({ from: await factory.getAddress(), nonce: 1 });
      await expect(factory.connect(w.others[0]).createProgram(usd, 500n, signers, 2n, w.others[1].address))
        .to.emit(factory, "ProgramCreated")
        .withArgs(predicted, usd, w.others[1].address, 500n, signers, 2n, ethers.ZeroAddress, TWO_DAYS, w.others[0].address, 0n);
      expect(await factory.programCount()).to.equal(1n);
      expect(await factory.programAt(0n)).to.equal(predicted);
      expect(await factory.isProgram(predicted)).to.equal(true);
      expect(await factory.isProgram(w.address)).to.equal(false);
      const program = await ethers.getContractAt("RevenueSplitter", predicted);
      expect(await program.owner()).to.equal(w.others[1].address);
      expect(await program.alphaBps()).to.equal(500n);
      expect(await program.committeeDelay()).to.equal(await factory.DEFAULT_COMMITTEE_DELAY());
      expect(await program.committeeDelay()).to.equal(TWO_DAYS);
      expect(await program.guardian()).to.equal(ethers.ZeroAddress);
      await factory.createProgram(usd, 1n, signers, 1n, w.owner.address);
      await factory.createProgram(usd, 2n, signers, 1n, w.owner.address);
      expect(await factory.programs(0n, 2n)).to.deep.equal([predicted, await factory.programAt(1n)]);
      expect(await factory.programs(1n, 10n)).to.deep.equal([await factory.programAt(1n), await factory.programAt(2n)]);
      expect(await factory.programs(3n, 10n)).to.deep.equal([]);
      expect(await factory.programs(9n, 1n)).to.deep.equal([]);
    });

    it("pages with any start and limit, however large, without an arithmetic panic", async () => {
      const factory = await ethers.deployContract("RevenueSplitterFactory");
      const usd = await w.usd.getAddress();
      for (let i = 0; i < 3; i++) await factory.createProgram(usd, 1n, [w.committee[0].address], 1n, w.owner.address);
      const all = [await factory.programAt(0n), await factory.programAt(1n), await factory.programAt(2n)];
      const max = ethers.MaxUint256;
      expect(await factory.programs(1n, max)).to.deep.equal(all.slice(1));
      expect(await factory.programs(0n, max)).to.deep.equal(all);
      expect(await factory.programs(max, max)).to.deep.equal([]);
      expect(await factory.programs(max, 1n)).to.deep.equal([]);
      expect(await factory.programs(2n, 0n)).to.deep.equal([]);
    });

    it("creates a program with a guardian and a committee delay of the creator's choice", async () => {
      const factory = await ethers.deployContract("RevenueSplitterFactory");
      const usd = await w.usd.getAddress();
      const signers = [w.committee[0].address];
      const predicted = ethers.getCreateAddress({ from: await factory.getAddress(), nonce: 1 });
      await expect(factory.createProgramWithOptions(usd, 700n, signers, 1n, w.owner.address, w.guardian.address, 3_600n))
        .to.emit(factory, "ProgramCreated")
        .withArgs(predicted, usd, w.owner.address, 700n, signers, 1n, w.guardian.address, 3_600n, w.owner.address, 0n);
      const program = await ethers.getContractAt("RevenueSplitter", predicted);
      expect([await program.guardian(), await program.committeeDelay()]).to.deep.equal([w.guardian.address, 3_600n]);
      expect(await factory.isProgram(predicted)).to.equal(true);
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
