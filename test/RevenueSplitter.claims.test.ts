// Claims a busy contributor needs: signed once and submitted by anyone who pays the gas
// (claimWithSig, ECDSA or ERC-1271 for a Safe-style wallet), and claims across programs in one
// transaction through Multicall3.
import { expect } from "chai";
import { network } from "hardhat";
import { hashTypedData } from "viem";
import type { Address, Hex } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { claimTypedData } from "../oracle/protocol/claim.ts";
import type { Claim } from "../oracle/protocol/claim.ts";
import { attest, committeeAccounts, deployWorld, deposit, FAR_FUTURE } from "./helpers/splitter.ts";
import type { World } from "./helpers/splitter.ts";

const { ethers, networkHelpers } = await network.create();

describe("RevenueSplitter claims", () => {
  let w: World;
  // A contributor that holds no ether at all: it can only be paid through someone else's transaction.
  const [contributor] = committeeAccounts(1, 500);
  const fixture = () => deployWorld(ethers);

  beforeEach(async () => {
    w = await networkHelpers.loadFixture(fixture);
  });

  const request = (overrides: Partial<Claim> = {}): Claim => ({
    contributor: contributor.address,
    recipient: contributor.address,
    nonce: 0n,
    deadline: FAR_FUTURE,
    ...overrides,
  });
  const signClaim = (claim: Claim, by: PrivateKeyAccount = contributor, splitter: Address = w.address) =>
    by.signTypedData(claimTypedData(w.chainId, splitter, claim));

  describe("claimWithSig", () => {
    beforeEach(async () => {
      await attest(w, contributor.address, 10n, 1n);
      await deposit(w, 50_000n);
    });

    it("pays a contributor with no ether on its signature, submitted and paid for by a relayer", async () => {
      const relayer = w.others[6];
      const claim = request({ recipient: w.others[2].address as Address });
      expect(await w.splitter.hashClaim(claim)).to.equal(hashTypedData(claimTypedData(w.chainId, w.address, claim)));
      await expect(w.splitter.connect(relayer).claimWithSig(claim, await signClaim(claim)))
        .to.emit(w.splitter, "Claimed")
        .withArgs(contributor.address, w.others[2].address, 5_000n);
      expect(await w.usd.balanceOf(w.others[2].address)).to.equal(5_000n);
      expect(await w.splitter.claimNonceOf(contributor.address)).to.equal(1n);
      expect(await ethers.provider.getBalance(contributor.address)).to.equal(0n);
    });

    it("uses each signature once and each nonce in turn", async () => {
      const first = request();
      const signature = await signClaim(first);
      await w.splitter.claimWithSig(first, signature);
      await deposit(w, 50_000n);
      await expect(w.splitter.claimWithSig(first, signature))
        .to.be.revertedWithCustomError(w.splitter, "InvalidClaimNonce")
        .withArgs(contributor.address, 0n, 1n);
      const ahead = request({ nonce: 2n });
      await expect(w.splitter.claimWithSig(ahead, await signClaim(ahead)))
        .to.be.revertedWithCustomError(w.splitter, "InvalidClaimNonce")
        .withArgs(contributor.address, 2n, 1n);
      const second = request({ nonce: 1n });
      await w.splitter.claimWithSig(second, await signClaim(second));
      expect(await w.usd.balanceOf(contributor.address)).to.equal(10_000n);
    });

    it("refuses an expired claim and accepts one at its deadline", async () => {
      const now = BigInt(await networkHelpers.time.latest());
      const late = request({ deadline: now });
      await expect(w.splitter.claimWithSig(late, await signClaim(late)))
        .to.be.revertedWithCustomError(w.splitter, "ClaimExpired")
        .withArgs(now, now + 1n);
      const onTime = request({ deadline: now + 2n });
      await networkHelpers.time.setNextBlockTimestamp(now + 2n);
      await w.splitter.claimWithSig(onTime, await signClaim(onTime));
    });

    it("refuses a signature by anyone else, for another recipient or for another program", async () => {
      const claim = request();
      const [stranger] = committeeAccounts(1, 501);
      await expect(w.splitter.claimWithSig(claim, await signClaim(claim, stranger)))
        .to.be.revertedWithCustomError(w.splitter, "InvalidClaimSignature")
        .withArgs(contributor.address);
      const signature = await signClaim(claim);
      await expect(w.splitter.claimWithSig({ ...claim, recipient: w.others[3].address as Address }, signature)).to.be.revertedWithCustomError(
        w.splitter,
        "InvalidClaimSignature",
      );
      const elsewhere = await signClaim(claim, contributor, w.others[9].address as Address);
      await expect(w.splitter.claimWithSig(claim, elsewhere)).to.be.revertedWithCustomError(w.splitter, "InvalidClaimSignature");
      await expect(w.splitter.claimWithSig(claim, "0x1234")).to.be.revertedWithCustomError(w.splitter, "InvalidClaimSignature");
    });

    it("keeps the nonce when there is nothing to claim or the recipient is zero", async () => {
      await w.splitter.claimWithSig(request(), await signClaim(request()));
      const next = request({ nonce: 1n });
      await expect(w.splitter.claimWithSig(next, await signClaim(next))).to.be.revertedWithCustomError(w.splitter, "NothingToClaim");
      const toZero = request({ nonce: 1n, recipient: ethers.ZeroAddress as Address });
      await expect(w.splitter.claimWithSig(toZero, await signClaim(toZero))).to.be.revertedWithCustomError(w.splitter, "InvalidRecipient");
      expect(await w.splitter.claimNonceOf(contributor.address)).to.equal(1n);
    });
  });

  describe("a Safe-style multisig as contributor (ERC-1271)", () => {
    const owners = committeeAccounts(3, 600).sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
    async function walletWorld() {
      const wallet = await ethers.deployContract("SafeStyleWallet", [owners.map((o) => o.address), 2n]);
      const address = (await wallet.getAddress()) as Address;
      await attest(w, address, 10n, 1n);
      await deposit(w, 50_000n);
      const claim: Claim = { contributor: address, recipient: address, nonce: 0n, deadline: FAR_FUTURE };
      const approve = async (signers: PrivateKeyAccount[]) => {
        const digest = (await wallet.getMessageHash(await w.splitter.hashClaim(claim))) as Hex;
        const parts = await Promise.all(signers.map((s) => s.sign({ hash: digest })));
        return `0x${parts.map((p) => p.slice(2)).join("")}` as Hex;
      };
      return { address, claim, approve };
    }

    it("pays the wallet when enough of its owners approved the claim", async () => {
      const { address, claim, approve } = await walletWorld();
      await expect(w.splitter.connect(w.others[6]).claimWithSig(claim, await approve(owners.slice(0, 2))))
        .to.emit(w.splitter, "Claimed")
        .withArgs(address, address, 5_000n);
      expect(await w.usd.balanceOf(address)).to.equal(5_000n);
    });

    it("refuses the claim with fewer owners than the wallet's threshold, or with an outsider", async () => {
      const { address, claim, approve } = await walletWorld();
      await expect(w.splitter.claimWithSig(claim, await approve(owners.slice(0, 1))))
        .to.be.revertedWithCustomError(w.splitter, "InvalidClaimSignature")
        .withArgs(address);
      const [outsider] = committeeAccounts(1, 601);
      const mixed = [owners[0], outsider].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
      await expect(w.splitter.claimWithSig(claim, await approve(mixed))).to.be.revertedWithCustomError(w.splitter, "InvalidClaimSignature");
    });
  });

  describe("batched claims", () => {
    it("pays a contributor of three programs in one transaction through Multicall3", async () => {
      const alice = w.others[0];
      const programs = [w.splitter];
      for (let i = 0; i < 2; i++) {
        const other = await deployWorld(ethers, { signers: 3, threshold: 2n });
        programs.push(other.splitter);
        await attest(other, alice.address, 1n, 1n);
        await deposit(other, 10_000n * BigInt(i + 2));
      }
      await attest(w, alice.address, 1n, 1n);
      await deposit(w, 10_000n);
      const multicall = await ethers.deployContract("Multicall3");
      const calls = programs.map((p) => ({ target: p.target, allowFailure: false, callData: p.interface.encodeFunctionData("claimFor", [alice.address]) }));
      const receipt = await (await multicall.connect(alice).aggregate3(calls)).wait();
      const claimed = receipt!.logs.flatMap((log) => {
        const parsed = w.splitter.interface.parseLog(log);
        return parsed?.name === "Claimed" ? [parsed.args.amount as bigint] : [];
      });
      expect(claimed).to.deep.equal([1_000n, 2_000n, 3_000n]);
      for (const p of programs) expect(await p.claimable(alice.address)).to.equal(0n);
    });

    it("goes on past a program with nothing to claim when that call may fail", async () => {
      const alice = w.others[0];
      await attest(w, alice.address, 1n, 1n);
      await deposit(w, 10_000n);
      const empty = await deployWorld(ethers);
      const multicall = await ethers.deployContract("Multicall3");
      const claimFor = (p: typeof w.splitter) => p.interface.encodeFunctionData("claimFor", [alice.address]);
      await multicall.aggregate3([
        { target: empty.splitter.target, allowFailure: true, callData: claimFor(empty.splitter) },
        { target: w.splitter.target, allowFailure: true, callData: claimFor(w.splitter) },
      ]);
      expect(await w.usd.balanceOf(alice.address)).to.equal(1_000n);
    });
  });
});
