// Tokens that reach a splitter outside a deposit (a plain transfer, a rebase) are shared among
// contributors by syncSurplus, as a deposit is; a balance that shrinks on its own is reported.
import { expect } from "chai";
import { network } from "hardhat";
import { attest, attestation, deployWorld, deposit, sign } from "./helpers/splitter.ts";
import type { World } from "./helpers/splitter.ts";

const { ethers, networkHelpers } = await network.create();

describe("RevenueSplitter surplus", () => {
  let w: World;
  let alice: string;
  let bob: string;
  const fixture = () => deployWorld(ethers);

  beforeEach(async () => {
    w = await networkHelpers.loadFixture(fixture);
    [alice, bob] = [w.others[0].address, w.others[1].address];
  });

  it("shares 12,345 units sent by plain transfer among contributors by their tokens", async () => {
    await attest(w, alice, 1n, 1n);
    await attest(w, bob, 2n, 1n);
    await w.usd.connect(w.consumer).transfer(w.address, 12_345n);
    expect(await w.splitter.surplus()).to.equal(12_345n);
    const acc = (await w.splitter.rewardPerToken()) + (12_345n << 80n) / 3n;
    await expect(w.splitter.connect(w.others[7]).syncSurplus())
      .to.emit(w.splitter, "SurplusSynced")
      .withArgs(w.others[7].address, 12_345n, 12_345n, 0n, 3n, acc);
    expect(await w.splitter.claimable(alice)).to.equal(4_115n);
    expect(await w.splitter.claimable(bob)).to.equal(8_230n);
    expect(await w.splitter.totalDeposited()).to.equal(12_345n);
    expect(await w.splitter.totalGrossRevenue()).to.equal(0n);
    expect(await w.splitter.surplus()).to.equal(0n);
    await w.splitter.connect(w.others[0]).claim(alice);
    await w.splitter.claimFor(bob);
    expect(await w.usd.balanceOf(w.address)).to.equal(0n);
  });

  it("shares a balance that grew on its own (a rebase) on top of deposits, and only the growth", async () => {
    await attest(w, alice, 1n, 1n);
    await deposit(w, 100_000n);
    await w.usd.mint(w.address, 500n);
    await expect(w.splitter.syncSurplus()).to.emit(w.splitter, "SurplusSynced");
    expect(await w.splitter.claimable(alice)).to.equal(10_500n);
    expect(await w.splitter.totalDeposited()).to.equal(10_500n);
    expect(await w.splitter.totalGrossRevenue()).to.equal(100_000n);
  });

  it("holds a surplus that finds no tokens, like a deposit, until tokens exist", async () => {
    await w.usd.mint(w.address, 700n);
    await expect(w.splitter.syncSurplus()).to.emit(w.splitter, "SurplusSynced").withArgs(w.owner.address, 700n, 0n, 700n, 0n, 1n);
    expect(await w.splitter.held()).to.equal(700n);
    await attest(w, alice, 5n, 1n);
    await deposit(w, 3_000n);
    expect(await w.splitter.claimable(alice)).to.equal(1_000n);
  });

  it("refuses to share what is not there: nothing above the escrow, after claims too", async () => {
    await expect(w.splitter.syncSurplus()).to.be.revertedWithCustomError(w.splitter, "NoSurplus").withArgs(0n, 0n);
    await attest(w, alice, 1n, 1n);
    await deposit(w, 10_000n);
    await expect(w.splitter.syncSurplus()).to.be.revertedWithCustomError(w.splitter, "NoSurplus").withArgs(1_000n, 1_000n);
    await w.splitter.claimFor(alice);
    await expect(w.splitter.syncSurplus()).to.be.revertedWithCustomError(w.splitter, "NoSurplus").withArgs(0n, 0n);
  });

  it("reports a balance that shrank below the escrow instead of sharing anything", async () => {
    const token = await ethers.deployContract("SlashableToken");
    const s = await ethers.deployContract("RevenueSplitter", [await token.getAddress(), 10_000n, [w.committee[0].address], 1n, w.owner.address, ethers.ZeroAddress, 0n]);
    const address = (await s.getAddress()) as `0x${string}`;
    await token.mint(w.consumer.address, 1_000n);
    await token.connect(w.consumer).approve(address, 1_000n);
    const a = attestation(alice, 1n, 1n);
    await s.attest(a, await sign(a, [w.committee[0]], address, w.chainId));
    await s.connect(w.consumer).depositRevenue(1_000n);
    await token.slash(address, 10n);
    expect(await s.surplus()).to.equal(0n);
    await expect(s.syncSurplus()).to.be.revertedWithCustomError(s, "NoSurplus").withArgs(990n, 1_000n);
  });

  it("shares a surplus only up to the escrow limit; the rest waits for claims to make room", async () => {
    const max = (1n << 88n) - 1n;
    await attest(w, alice, 1n, 1n);
    await deposit(w, (max - 5n) * 10n); // α = 10%: escrow max − 5
    await w.usd.mint(w.address, 8n);
    await expect(w.splitter.syncSurplus()).to.emit(w.splitter, "SurplusSynced").withArgs(w.owner.address, 5n, 5n, 0n, 1n, 1n + (max << 80n));
    expect(await w.splitter.surplus()).to.equal(3n);
    await w.splitter.claimFor(alice);
    await expect(w.splitter.syncSurplus()).to.emit(w.splitter, "SurplusSynced").withArgs(w.owner.address, 3n, 3n, 0n, 1n, (1n + ((max + 3n) << 80n)) % (1n << 168n));
    expect(await w.splitter.claimable(alice)).to.equal(3n);
  });
});
