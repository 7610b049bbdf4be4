import { expect } from "chai";
import { network } from "hardhat";
import { Signature } from "ethers";
import { attest, deployWorld, deposit, replaceCommittee } from "./helpers/splitter.ts";
import type { World } from "./helpers/splitter.ts";

const { ethers, networkHelpers } = await network.create();
const ONE = 1n << 80n;

describe("RevenueSplitter deposits and claims", () => {
  let w: World;
  let alice: string;
  let bob: string;
  const fixture = () => deployWorld(ethers);

  beforeEach(async () => {
    w = await networkHelpers.loadFixture(fixture);
    [alice, bob] = [w.others[0].address, w.others[1].address];
  });

  describe("depositRevenue", () => {
    it("pulls floor(gross × α / 10000), records gross and shares by tokens", async () => {
      await attest(w, alice, 1n, 1n);
      await attest(w, bob, 3n, 1n);
      await expect(deposit(w, 40_009n))
        .to.emit(w.splitter, "RevenueDeposited")
        .withArgs(w.consumer.address, 40_009n, 4_000n, 4_000n, 0n, 4n, 1n + 1_000n * ONE);
      expect(await w.usd.balanceOf(w.address)).to.equal(4_000n);
      expect(await w.splitter.totalGrossRevenue()).to.equal(40_009n);
      expect(await w.splitter.totalDeposited()).to.equal(4_000n);
      expect(await w.splitter.claimable(alice)).to.equal(1_000n);
      expect(await w.splitter.claimable(bob)).to.equal(3_000n);
      expect(await w.splitter.amountForRevenue(40_009n)).to.equal(4_000n);
    });

    it("refuses a deposit that pulls nothing", async () => {
      await expect(deposit(w, 9n)).to.be.revertedWithCustomError(w.splitter, "NothingToDeposit").withArgs(9n);
    });

    it("holds deposits made while ΣT = 0 and shares them at the next deposit that finds ΣT > 0", async () => {
      await deposit(w, 10_000n);
      expect(await w.splitter.held()).to.equal(1_000n);
      await attest(w, alice, 1n, 1n);
      expect(await w.splitter.held()).to.equal(1_000n); // an attestation alone shares nothing
      expect(await w.splitter.claimable(alice)).to.equal(0n);
      await attest(w, bob, 1n, 1n);
      await deposit(w, 20_000n);
      expect(await w.splitter.held()).to.equal(0n);
      expect(await w.splitter.claimable(alice)).to.equal(1_500n);
      expect(await w.splitter.claimable(bob)).to.equal(1_500n);
    });

    it("pays a late contributor nothing of revenue deposited before their attestation", async () => {
      await attest(w, alice, 10n, 1n);
      await deposit(w, 10_000n);
      await attest(w, bob, 10n, 1n);
      expect(await w.splitter.claimable(bob)).to.equal(0n);
      await deposit(w, 10_000n);
      expect(await w.splitter.claimable(bob)).to.equal(500n);
      expect(await w.splitter.claimable(alice)).to.equal(1_500n);
    });

    it("carries the division remainder into the next deposit so no unit is lost", async () => {
      await attest(w, alice, 1n, 1n);
      await attest(w, bob, 2n, 1n);
      for (let i = 0; i < 3; i++) await deposit(w, 10n); // one unit each time over 3 tokens
      expect(await w.splitter.claimable(alice)).to.equal(1n);
      expect(await w.splitter.claimable(bob)).to.equal(2n);
      expect(await w.splitter.held()).to.equal(0n);
    });

    it("refuses a deposit that would take the escrow above 2**88 - 1", async () => {
      const max = (1n << 88n) - 1n;
      const full = await ethers.deployContract("RevenueSplitter", [await w.usd.getAddress(), 10_000n, [w.committee[0].address], 1n, w.owner.address, ethers.ZeroAddress, 0n]);
      await w.usd.connect(w.consumer).approve(await full.getAddress(), ethers.MaxUint256);
      await full.connect(w.consumer).depositRevenue(max - 1n);
      await expect(full.connect(w.consumer).depositRevenue(2n))
        .to.be.revertedWithCustomError(full, "EscrowLimitExceeded")
        .withArgs(max - 1n, 2n, max);
      await full.connect(w.consumer).depositRevenue(1n);
      expect(await full.held()).to.equal(max);
    });

    it("refuses a fee-on-transfer token", async () => {
      const fee = await ethers.deployContract("FeeOnTransferToken");
      const s = await ethers.deployContract("RevenueSplitter", [await fee.getAddress(), 10_000n, [w.committee[0].address], 1n, w.owner.address, ethers.ZeroAddress, 0n]);
      await fee.mint(w.consumer.address, 10_000n);
      await fee.connect(w.consumer).approve(await s.getAddress(), 10_000n);
      await expect(s.connect(w.consumer).depositRevenue(1_000n))
        .to.be.revertedWithCustomError(s, "AmountReceivedMismatch")
        .withArgs(1_000n, 990n);
    });

    it("bubbles a failed transfer (no allowance)", async () => {
      await expect(w.splitter.connect(w.others[3]).depositRevenue(10_000n)).to.be.revertedWithCustomError(w.usd, "ERC20InsufficientAllowance");
    });
  });

  describe("depositRevenueWithPermit", () => {
    async function permit(owner = w.others[4], value = 1_000n, deadline = 2n ** 40n) {
      const nonce = await w.usd.nonces(owner.address);
      const sig = await owner.signTypedData(
        { name: "Test USD", version: "1", chainId: w.chainId, verifyingContract: await w.usd.getAddress() },
        { Permit: [{ name: "owner", type: "address" }, { name: "spender", type: "address" }, { name: "value", type: "uint256" }, { name: "nonce", type: "uint256" }, { name: "deadline", type: "uint256" }] },
        { owner: owner.address, spender: w.address, value, nonce, deadline },
      );
      const parsed = Signature.from(sig);
      return { v: parsed.v, r: parsed.r, s: parsed.s, deadline };
    }

    it("deposits in one transaction with a permit", async () => {
      const payer = w.others[4];
      await w.usd.mint(payer.address, 1_000n);
      await attest(w, alice, 1n, 1n);
      const p = await permit();
      await w.splitter.connect(payer).depositRevenueWithPermit(10_000n, p.deadline, p.v, p.r, p.s);
      expect(await w.splitter.claimable(alice)).to.equal(1_000n);
      expect(await w.usd.balanceOf(payer.address)).to.equal(0n);
    });

    it("tolerates a front-run permit and relies on the allowance", async () => {
      const payer = w.others[4];
      await w.usd.mint(payer.address, 1_000n);
      const p = await permit();
      await w.usd.permit(payer.address, w.address, 1_000n, p.deadline, p.v, p.r, p.s); // the front-runner
      await w.splitter.connect(payer).depositRevenueWithPermit(10_000n, p.deadline, p.v, p.r, p.s);
      expect(await w.splitter.totalDeposited()).to.equal(1_000n);
    });

    it("fails on the transfer when the permit is bad and there is no allowance", async () => {
      const payer = w.others[4];
      await w.usd.mint(payer.address, 1_000n);
      const p = await permit(payer, 999n);
      await expect(w.splitter.connect(payer).depositRevenueWithPermit(10_000n, p.deadline, p.v, p.r, p.s)).to.be.revertedWithCustomError(
        w.usd,
        "ERC20InsufficientAllowance",
      );
    });
  });

  describe("claims", () => {
    beforeEach(async () => {
      await attest(w, alice, 1n, 1n);
      await attest(w, bob, 3n, 1n);
      await deposit(w, 40_000n);
    });

    it("pays the caller's accrued amount to the address it names", async () => {
      const to = w.others[7].address;
      await expect(w.splitter.connect(w.others[0]).claim(to)).to.emit(w.splitter, "Claimed").withArgs(alice, to, 1_000n);
      expect(await w.usd.balanceOf(to)).to.equal(1_000n);
      expect(await w.splitter.claimable(alice)).to.equal(0n);
      expect(await w.splitter.claimed(alice)).to.equal(1_000n);
      expect(await w.splitter.totalClaimed()).to.equal(1_000n);
    });

    it("lets anyone pay a contributor what it earned, to the contributor only", async () => {
      await expect(w.splitter.connect(w.others[9]).claimFor(bob)).to.emit(w.splitter, "Claimed").withArgs(bob, bob, 3_000n);
      expect(await w.usd.balanceOf(bob)).to.equal(3_000n);
    });

    it("refuses a claim with nothing accrued", async () => {
      await w.splitter.connect(w.others[0]).claim(alice);
      await expect(w.splitter.connect(w.others[0]).claim(alice)).to.be.revertedWithCustomError(w.splitter, "NothingToClaim").withArgs(alice);
      await expect(w.splitter.claimFor(w.others[8].address)).to.be.revertedWithCustomError(w.splitter, "NothingToClaim");
    });

    it("refuses paying the zero address", async () => {
      const zero = ethers.ZeroAddress;
      await expect(w.splitter.connect(w.others[0]).claim(zero)).to.be.revertedWithCustomError(w.splitter, "InvalidRecipient").withArgs(zero);
      await expect(w.splitter.claimFor(zero)).to.be.revertedWithCustomError(w.splitter, "InvalidRecipient").withArgs(zero);
    });

    it("keeps claimed + claimable equal to lifetime earnings across attestations and claims", async () => {
      await w.splitter.connect(w.others[0]).claim(alice);
      await deposit(w, 40_000n);
      await attest(w, alice, 5n, 2n);
      await w.splitter.connect(w.others[0]).claim(alice);
      await deposit(w, 80_000n); // 8,000 over 8 tokens
      await attest(w, alice, 0n, 3n);
      expect(await w.splitter.claimed(alice)).to.equal(2_000n);
      expect(await w.splitter.claimable(alice)).to.equal(5_000n);
      await w.splitter.claimFor(alice);
      expect(await w.splitter.claimed(alice)).to.equal(7_000n);
      expect(await w.splitter.totalClaimed()).to.equal(7_000n);
      expect(await w.splitter.totalDeposited()).to.equal(16_000n);
    });

    it("leaves a sub-unit fraction owed instead of rounding it away", async () => {
      await attest(w, alice, 2n, 2n); // ΣT = 5
      await deposit(w, 10n); // 1 unit: alice 0.4, bob 0.6
      await deposit(w, 10n); // alice 0.8, bob 1.2
      await w.splitter.claimFor(bob);
      expect(await w.splitter.claimed(bob)).to.equal(3_001n); // 3,000 + 1
      await deposit(w, 10n); // alice 1.2, bob 1.8 (0.8 after the claim)
      expect(await w.splitter.claimable(alice)).to.equal(1_001n);
      expect(await w.splitter.claimable(bob)).to.equal(0n);
      await deposit(w, 10n);
      expect(await w.splitter.claimable(bob)).to.equal(1n);
    });

    it("cannot be paused or blocked by the owner, and a committee change leaves the money alone", async () => {
      const before = [await w.splitter.rewardPerToken(), await w.splitter.held(), await w.splitter.totalDeposited()];
      await replaceCommittee(w, [w.committee[2].address], 1n);
      expect([await w.splitter.rewardPerToken(), await w.splitter.held(), await w.splitter.totalDeposited()]).to.deep.equal(before);
      expect(await w.splitter.claimable(alice)).to.equal(1_000n);
      await w.splitter.renounceOwnership();
      await w.splitter.connect(w.others[0]).claim(alice);
      expect(await w.usd.balanceOf(alice)).to.equal(1_000n);
    });
  });

  describe("reentrancy", () => {
    async function reentrantWorld() {
      const token = await ethers.deployContract("ReentrantToken");
      const s = await ethers.deployContract("RevenueSplitter", [await token.getAddress(), 10_000n, [w.committee[0].address], 1n, w.owner.address, ethers.ZeroAddress, 0n]);
      await token.mint(w.consumer.address, 10n ** 24n);
      await token.connect(w.consumer).approve(await s.getAddress(), ethers.MaxUint256);
      return { token, s };
    }

    it("blocks a token that re-enters claim during a claim", async () => {
      const { token, s } = await reentrantWorld();
      const { sign, attestation } = await import("./helpers/splitter.ts");
      const a = attestation(w.consumer.address, 1n, 1n);
      await s.attest(a, await sign(a, [w.committee[0]], (await s.getAddress()) as `0x${string}`, w.chainId));
      await s.connect(w.consumer).depositRevenue(1_000n);
      await token.arm(await s.getAddress(), s.interface.encodeFunctionData("claimFor", [w.consumer.address]));
      await expect(s.claimFor(w.consumer.address)).to.be.revertedWithCustomError(token, "ReentryFailed").withArgs(
        s.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []),
      );
      expect(await s.claimable(w.consumer.address)).to.equal(1_000n);
    });

    it("blocks a token that re-enters a deposit during a deposit", async () => {
      const { token, s } = await reentrantWorld();
      await token.arm(await s.getAddress(), s.interface.encodeFunctionData("depositRevenue", [1_000n]));
      await expect(s.connect(w.consumer).depositRevenue(1_000n)).to.be.revertedWithCustomError(token, "ReentryFailed");
      expect(await s.totalDeposited()).to.equal(0n);
    });
  });

  describe("the carry", () => {
    it("pays each contributor within one unit of the exact share with ΣT near 2**48 - 1 (the carry moves at most 2**-32 units)", async () => {
      const M = (1n << 48n) - 1n;
      const s = await ethers.deployContract("RevenueSplitter", [await w.usd.getAddress(), 10_000n, [w.committee[0].address], 1n, w.owner.address, ethers.ZeroAddress, 0n]);
      const addr = (await s.getAddress()) as `0x${string}`;
      await w.usd.connect(w.consumer).approve(addr, ethers.MaxUint256);
      const { sign, attestation } = await import("./helpers/splitter.ts");
      const nonces = new Map<string, bigint>();
      const put = async (who: string, tokens: bigint) => {
        const nonce = (nonces.get(who) ?? 0n) + 1n;
        nonces.set(who, nonce);
        const a = attestation(who, tokens, nonce);
        await s.attest(a, await sign(a, [w.committee[0]], addr, w.chainId));
      };
      const pay = (gross: bigint) => s.connect(w.consumer).depositRevenue(gross);
      // The reproduction of the independent check, step by step.
      await put(alice, M); await pay(M - 1n); await put(alice, 0n); await put(bob, M); await pay(1n);
      await put(bob, 0n); await put(alice, M); await pay(M - 1n); await put(alice, 0n); await put(bob, M); await pay(1n);
      const exactAlice = 562_949_953_421_308n;
      const exactBob = 2n;
      const [a, b] = [await s.claimable(alice), await s.claimable(bob)];
      expect(exactAlice - a).to.be.oneOf([0n, 1n]);
      expect(exactBob - b).to.be.oneOf([0n, 1n]);
      expect(a + b + (await s.held())).to.be.lessThanOrEqual(exactAlice + exactBob);
    });
  });

  describe("limits", () => {
    it("handles ΣT = 10^13 with one contributor holding all of it and deposits of 10^25", async () => {
      const s = await ethers.deployContract("RevenueSplitter", [await w.usd.getAddress(), 10_000n, w.committee.map((c) => c.address), 2n, w.owner.address, ethers.ZeroAddress, 0n]);
      const addr = (await s.getAddress()) as `0x${string}`;
      await w.usd.connect(w.consumer).approve(addr, ethers.MaxUint256);
      const { sign, attestation } = await import("./helpers/splitter.ts");
      const put = async (who: string, tokens: bigint, nonce: bigint) => {
        const a = attestation(who, tokens, nonce);
        await s.attest(a, await sign(a, w.committee.slice(0, 2), addr, w.chainId));
      };
      await put(alice, 10n ** 13n, 1n);
      for (let i = 0; i < 10; i++) await s.connect(w.consumer).depositRevenue(10n ** 25n);
      expect(await s.claimable(alice)).to.equal(10n ** 26n);
      await s.connect(w.others[0]).claim(alice);
      await put(alice, 10n ** 13n - 1n, 2n);
      await put(bob, 1n, 1n);
      for (let i = 0; i < 10; i++) await s.connect(w.consumer).depositRevenue(10n ** 25n);
      // bob: 10 × 10^25 / 10^13 = 10^13; alice the rest, within one unit each
      const b = await s.claimable(bob);
      const a = await s.claimable(alice);
      expect(b).to.be.oneOf([10n ** 13n, 10n ** 13n - 1n]);
      expect(10n ** 26n - a - b).to.be.lessThanOrEqual(2n);
      expect(await s.totalDeposited()).to.equal(2n * 10n ** 26n);
    });
  });
});
