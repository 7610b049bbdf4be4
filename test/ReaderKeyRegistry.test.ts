// ReaderKeyRegistry: a program's owner sets its consumer and auditor reader keys; committee
// members publish their own keys, directly or by an EIP-712 signature anyone relays (signed
// through oracle/protocol/reader-key-registry.ts, so the TS types are tested against the contract).
import { expect } from "chai";
import hre, { network } from "hardhat";
import { hashTypedData, type Address, type Hex } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { memberReaderKeyTypedData, MAX_PROGRAM_READERS } from "../oracle/protocol/reader-key-registry.ts";
import type { ReaderKeyRegistry } from "../types/ethers-contracts/index.ts";
import { committeeAccounts, deployWorld, FAR_FUTURE, replaceCommittee } from "./helpers/splitter.ts";
import type { World } from "./helpers/splitter.ts";

const { ethers, networkHelpers } = await network.create();

/** Distinct non-zero 32-byte keys (stand-ins for X25519 public keys: the contract checks only zero and repeats). */
const key = (n: number): Hex => `0x${n.toString(16).padStart(2, "0").repeat(32)}`;
const keys = (count: number, from = 1): Hex[] => Array.from({ length: count }, (_, i) => key(from + i));

describe("ReaderKeyRegistry", () => {
  let w: World;
  let registry: ReaderKeyRegistry;
  let registryAddress: Address;
  const fixture = async () => {
    const world = await deployWorld(ethers);
    const r = await ethers.deployContract("ReaderKeyRegistry");
    return { world, registry: r, address: (await r.getAddress()) as Address };
  };
  beforeEach(async () => {
    ({ world: w, registry, address: registryAddress } = await networkHelpers.loadFixture(fixture));
  });

  /** `signer`'s signature publishing `k` for `program`, with its current nonce unless given. */
  async function signed(
    signer: PrivateKeyAccount,
    k: Hex,
    o: { program?: Address; nonce?: bigint; deadline?: bigint; registry?: Address; chainId?: bigint; as?: Address } = {},
  ) {
    const as = o.as ?? signer.address;
    const message = {
      program: o.program ?? w.address,
      signer: as,
      key: k,
      nonce: o.nonce ?? (await registry.nonces(as)),
      deadline: o.deadline ?? FAR_FUTURE,
    };
    const signature = await signer.signTypedData(memberReaderKeyTypedData(o.chainId ?? w.chainId, o.registry ?? registryAddress, message));
    return { ...message, signature };
  }
  const relay = (s: Awaited<ReturnType<typeof signed>>, by = w.others[5]) =>
    registry.connect(by).setMemberReaderKeyBySig(s.program, s.signer, s.key, s.nonce, s.deadline, s.signature);

  describe("program readers", () => {
    it("lets the program's owner set both lists, emits them and shows them in the views", async () => {
      const consumers = keys(2, 1);
      const auditors = keys(1, 9);
      await expect(registry.connect(w.owner).setProgramReaders(w.address, consumers, auditors))
        .to.emit(registry, "ProgramReadersSet")
        .withArgs(w.address, consumers, auditors);
      expect(await registry.programReaders(w.address)).to.deep.equal([consumers, auditors]);
      const [c, a, members, memberKeys] = await registry.readers(w.address);
      expect([c, a]).to.deep.equal([consumers, auditors]);
      expect(members).to.deep.equal(w.committee.map((m) => m.address));
      expect(memberKeys).to.deep.equal(w.committee.map(() => ethers.ZeroHash));
    });

    it("replaces both lists on every call (longer, shorter, empty)", async () => {
      await registry.setProgramReaders(w.address, keys(3, 1), keys(2, 20));
      await registry.setProgramReaders(w.address, keys(5, 40), []);
      expect(await registry.programReaders(w.address)).to.deep.equal([keys(5, 40), []]);
      await registry.setProgramReaders(w.address, [key(7)], keys(4, 60));
      expect(await registry.programReaders(w.address)).to.deep.equal([[key(7)], keys(4, 60)]);
      await expect(registry.setProgramReaders(w.address, [], [])).to.emit(registry, "ProgramReadersSet").withArgs(w.address, [], []);
      expect(await registry.programReaders(w.address)).to.deep.equal([[], []]);
    });

    it("keeps each program's lists apart", async () => {
      const factory = await ethers.getContractFactory("RevenueSplitter");
      const other = await factory.deploy(await w.usd.getAddress(), 1n, [w.committee[0]!.address], 1n, w.others[0].address, ethers.ZeroAddress, 0n);
      const otherAddress = await other.getAddress();
      await registry.setProgramReaders(w.address, [key(1)], [key(2)]);
      await registry.connect(w.others[0]).setProgramReaders(otherAddress, [key(3)], []);
      expect(await registry.programReaders(w.address)).to.deep.equal([[key(1)], [key(2)]]);
      expect(await registry.programReaders(otherAddress)).to.deep.equal([[key(3)], []]);
    });

    it("refuses anyone but the program's owner, and follows a two-step ownership transfer", async () => {
      const stranger = w.others[0];
      await expect(registry.connect(stranger).setProgramReaders(w.address, [key(1)], []))
        .to.be.revertedWithCustomError(registry, "NotProgramOwner")
        .withArgs(w.address, stranger.address);
      await w.splitter.transferOwnership(stranger.address);
      // Still the old owner until the new one accepts.
      await expect(registry.connect(stranger).setProgramReaders(w.address, [key(1)], [])).to.be.revertedWithCustomError(registry, "NotProgramOwner");
      await registry.connect(w.owner).setProgramReaders(w.address, [key(1)], []);
      await w.splitter.connect(stranger).acceptOwnership();
      await registry.connect(stranger).setProgramReaders(w.address, [key(2)], []);
      await expect(registry.connect(w.owner).setProgramReaders(w.address, [key(3)], []))
        .to.be.revertedWithCustomError(registry, "NotProgramOwner")
        .withArgs(w.address, w.owner.address);
      expect(await registry.programReaders(w.address)).to.deep.equal([[key(2)], []]);
    });

    it("refuses an address that has no owner() to ask", async () => {
      const eoa = w.others[3].address;
      await expect(registry.connect(w.others[3]).setProgramReaders(eoa, [key(1)], [])).to.be.revertedWithCustomError(registry, "NotAProgram").withArgs(eoa);
      const usd = await w.usd.getAddress(); // a contract without owner()
      await expect(registry.setProgramReaders(usd, [key(1)], [])).to.be.revertedWithCustomError(registry, "NotAProgram").withArgs(usd);
    });

    it("takes at most 16 keys per list", async () => {
      expect(await registry.MAX_READERS()).to.equal(BigInt(MAX_PROGRAM_READERS));
      await registry.setProgramReaders(w.address, keys(16, 1), keys(16, 100));
      expect((await registry.programReaders(w.address))[0]).to.have.length(16);
      await expect(registry.setProgramReaders(w.address, keys(17, 1), []))
        .to.be.revertedWithCustomError(registry, "TooManyReaderKeys")
        .withArgs(17n, 16n);
      await expect(registry.setProgramReaders(w.address, [], keys(17, 1)))
        .to.be.revertedWithCustomError(registry, "TooManyReaderKeys")
        .withArgs(17n, 16n);
    });

    it("refuses a zero key and a key listed twice in one list", async () => {
      await expect(registry.setProgramReaders(w.address, [key(1), ethers.ZeroHash], [])).to.be.revertedWithCustomError(registry, "ZeroReaderKey");
      await expect(registry.setProgramReaders(w.address, [], [ethers.ZeroHash])).to.be.revertedWithCustomError(registry, "ZeroReaderKey");
      await expect(registry.setProgramReaders(w.address, [key(1), key(2), key(1)], []))
        .to.be.revertedWithCustomError(registry, "DuplicateReaderKey")
        .withArgs(key(1));
      await expect(registry.setProgramReaders(w.address, [key(1)], [key(5), key(5)]))
        .to.be.revertedWithCustomError(registry, "DuplicateReaderKey")
        .withArgs(key(5));
      // The same key in two roles is two readers' business, not a repeat.
      await registry.setProgramReaders(w.address, [key(1)], [key(1)]);
    });
  });

  describe("member keys, published by the member", () => {
    it("stores the caller's key beside its signer address, uses a nonce and emits it", async () => {
      const member = w.others[0];
      await expect(registry.connect(member).setMemberReaderKey(w.address, key(1)))
        .to.emit(registry, "MemberReaderKeySet")
        .withArgs(w.address, member.address, key(1), 0n);
      expect(await registry.memberReaderKey(w.address, member.address)).to.equal(key(1));
      expect(await registry.nonces(member.address)).to.equal(1n);
      await expect(registry.connect(member).setMemberReaderKey(w.address, key(2)))
        .to.emit(registry, "MemberReaderKeySet")
        .withArgs(w.address, member.address, key(2), 1n);
      expect(await registry.memberReaderKey(w.address, member.address)).to.equal(key(2));
      expect(await registry.memberReaderKey(ethers.ZeroAddress, member.address)).to.equal(ethers.ZeroHash);
    });

    it("accepts any signer; readers() shows the keys of the current committee only", async () => {
      const [a, b, c] = w.others;
      await registry.connect(a).setMemberReaderKey(w.address, key(1));
      await registry.connect(c).setMemberReaderKey(w.address, key(3));
      expect((await registry.readers(w.address))[2]).to.not.include(a.address);
      await replaceCommittee(w, [a.address, b.address], 1n);
      const [, , members, memberKeys] = await registry.readers(w.address);
      expect(members).to.deep.equal([a.address, b.address]);
      expect(memberKeys).to.deep.equal([key(1), ethers.ZeroHash]);
      expect(await registry.memberReaderKeys(w.address, [c.address, b.address, a.address])).to.deep.equal([key(3), ethers.ZeroHash, key(1)]);
    });

    it("refuses a zero key", async () => {
      await expect(registry.connect(w.others[0]).setMemberReaderKey(w.address, ethers.ZeroHash)).to.be.revertedWithCustomError(registry, "ZeroReaderKey");
    });

    it("readers() reverts for an address that is not a program", async () => {
      await expect(registry.readers(w.others[0].address)).to.be.revert(ethers);
    });
  });

  describe("member keys, signed by the member and relayed", () => {
    let member: PrivateKeyAccount;
    beforeEach(() => {
      member = w.committee[0]!;
    });

    it("computes the same digest and domain as viem from the shared typed data", async () => {
      const message = { program: w.address, signer: member.address, key: key(1), nonce: 7n, deadline: 123n };
      expect(await registry.hashMemberReaderKey(message.program, message.signer, message.key, message.nonce, message.deadline)).to.equal(
        hashTypedData(memberReaderKeyTypedData(w.chainId, registryAddress, message)),
      );
      const domain = await registry.eip712Domain();
      expect([domain.name, domain.version, domain.chainId, domain.verifyingContract]).to.deep.equal(["1TT ReaderKeyRegistry", "1", w.chainId, registryAddress]);
    });

    it("publishes a key for a signer that holds no ETH, relayed by anyone", async () => {
      expect(await ethers.provider.getBalance(member.address)).to.equal(0n);
      const s = await signed(member, key(4));
      await expect(relay(s)).to.emit(registry, "MemberReaderKeySet").withArgs(w.address, member.address, key(4), 0n);
      expect(await registry.memberReaderKey(w.address, member.address)).to.equal(key(4));
      expect(await registry.nonces(member.address)).to.equal(1n);
      expect((await registry.readers(w.address))[3]).to.deep.equal([key(4), ethers.ZeroHash, ethers.ZeroHash]);
      // Rotation: the next signature uses the next nonce.
      await relay(await signed(member, key(5)), w.others[6]);
      expect(await registry.memberReaderKey(w.address, member.address)).to.equal(key(5));
    });

    it("refuses a replayed signature (its nonce is used), also after a rotation", async () => {
      const first = await signed(member, key(1));
      await relay(first);
      await expect(relay(first)).to.be.revertedWithCustomError(registry, "InvalidAccountNonce").withArgs(member.address, 1n);
      await relay(await signed(member, key(2)));
      await expect(relay(first)).to.be.revertedWithCustomError(registry, "InvalidAccountNonce").withArgs(member.address, 2n);
      expect(await registry.memberReaderKey(w.address, member.address)).to.equal(key(2));
    });

    it("refuses a signature made ahead for a later nonce until that nonce comes", async () => {
      const ahead = await signed(member, key(3), { nonce: 1n });
      await expect(relay(ahead)).to.be.revertedWithCustomError(registry, "InvalidAccountNonce").withArgs(member.address, 0n);
      await relay(await signed(member, key(2)));
      await relay(ahead);
      expect(await registry.memberReaderKey(w.address, member.address)).to.equal(key(3));
    });

    it("lets a direct publication cancel a signature not yet relayed", async () => {
      const own = committeeAccounts(1, 99)[0]!;
      await w.others[0].sendTransaction({ to: own.address, value: ethers.parseEther("1") });
      const waiting = await signed(own, key(8));
      await registry.connect(await ethers.getImpersonatedSigner(own.address)).setMemberReaderKey(w.address, key(9));
      await expect(relay(waiting)).to.be.revertedWithCustomError(registry, "InvalidAccountNonce").withArgs(own.address, 1n);
      expect(await registry.memberReaderKey(w.address, own.address)).to.equal(key(9));
    });

    it("refuses a signature by another key than the signer's", async () => {
      const other = w.committee[1]!;
      await expect(relay(await signed(other, key(1), { as: member.address })))
        .to.be.revertedWithCustomError(registry, "SignerMismatch")
        .withArgs(member.address, other.address);
    });

    it("refuses a signature for another program, key, registry or chain", async () => {
      const s = await signed(member, key(1));
      const recovered = async (p: Promise<unknown>) => {
        await expect(p).to.be.revertedWithCustomError(registry, "SignerMismatch");
      };
      await recovered(relay({ ...s, program: w.others[9].address as Address }));
      await recovered(relay({ ...s, key: key(2) }));
      await recovered(relay(await signed(member, key(1), { registry: w.others[9].address as Address })));
      await recovered(relay(await signed(member, key(1), { chainId: w.chainId + 1n })));
      expect(await registry.memberReaderKey(w.address, member.address)).to.equal(ethers.ZeroHash);
    });

    it("refuses an expired signature and accepts one at its deadline", async () => {
      const now = BigInt(await networkHelpers.time.latest());
      const late = await signed(member, key(1), { deadline: now + 10n });
      await networkHelpers.time.setNextBlockTimestamp(now + 11n);
      await expect(relay(late)).to.be.revertedWithCustomError(registry, "SignatureExpired").withArgs(now + 10n, now + 11n);
      const onTime = await signed(member, key(1), { deadline: now + 20n });
      await networkHelpers.time.setNextBlockTimestamp(now + 20n);
      await relay(onTime);
      expect(await registry.memberReaderKey(w.address, member.address)).to.equal(key(1));
    });

    it("refuses a zero key and a malformed signature", async () => {
      await expect(relay(await signed(member, ethers.ZeroHash as Hex))).to.be.revertedWithCustomError(registry, "ZeroReaderKey");
      const s = await signed(member, key(1));
      await expect(relay({ ...s, signature: s.signature.slice(0, -2) as Hex })).to.be.revertedWithCustomError(registry, "ECDSAInvalidSignatureLength").withArgs(64n);
    });
  });

  describe("gas", function () {
    before(function () {
      if (hre.globalOptions.coverage) this.skip(); // instrumented code costs more
    });
    const gasOf = async (tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>) => (await (await tx).wait())!.gasUsed;

    it("stays within its ceilings", async () => {
      const member = w.committee[0]!;
      const first = await gasOf(registry.setProgramReaders(w.address, [key(1)], [key(2)]));
      const replace = await gasOf(registry.setProgramReaders(w.address, [key(3)], [key(4)]));
      const full = await gasOf(registry.setProgramReaders(w.address, keys(16, 10), keys(16, 40)));
      const direct = await gasOf(registry.connect(w.others[0]).setMemberReaderKey(w.address, key(1)));
      const directAgain = await gasOf(registry.connect(w.others[0]).setMemberReaderKey(w.address, key(2)));
      const bySig = await gasOf(relay(await signed(member, key(1))));
      const bySigAgain = await gasOf(relay(await signed(member, key(2))));
      console.log(`      gas: setProgramReaders 1+1 first ${first}, 1+1 replaced ${replace}, 16+16 ${full}; setMemberReaderKey first ${direct}, later ${directAgain}; setMemberReaderKeyBySig first ${bySig}, later ${bySigAgain}`);
      expect(first).to.be.lessThan(130_000n);
      expect(replace).to.be.lessThan(50_000n);
      expect(direct).to.be.lessThan(75_000n);
      expect(directAgain).to.be.lessThan(40_000n);
      expect(bySig).to.be.lessThan(85_000n);
      expect(bySigAgain).to.be.lessThan(50_000n);
    });
  });
});
