// Shared fixtures of the contract tests: a TestUSD, a committee of viem accounts and a splitter,
// with attestations signed through oracle/protocol/attestation.ts (so the TS types are tested
// against the contract every time an attestation is accepted).
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { privateKeyToAccount } from "viem/accounts";
import type { PrivateKeyAccount } from "viem/accounts";
import type { Address, Hex } from "viem";
import { attestationTypedData, packSignatures } from "../../oracle/protocol/attestation.ts";
import type { Attestation } from "../../oracle/protocol/attestation.ts";
import type { RevenueSplitter, TestUSD } from "../../types/ethers-contracts/index.ts";

/** A manifest CID as the oracle anchors it: binary CIDv1 (raw codec, sha2-256). */
export const MANIFEST_CID: Hex = `0x01551220${"ab".repeat(32)}`;
export const FAR_FUTURE = 2n ** 40n;
/** The factory's default committee delay. */
export const TWO_DAYS = 2n * 24n * 3600n;

/** Committee keys (never used anywhere else; deterministic for reproducible tests). */
export function committeeAccounts(count: number, salt = 1): PrivateKeyAccount[] {
  return Array.from({ length: count }, (_, i) =>
    privateKeyToAccount(`0x${(BigInt(salt) * 1_000_003n + BigInt(i + 1)).toString(16).padStart(64, "0")}`),
  );
}

export interface World {
  ethers: HardhatEthers;
  chainId: bigint;
  usd: TestUSD;
  splitter: RevenueSplitter;
  address: Address;
  committee: PrivateKeyAccount[];
  owner: HardhatEthersSigner;
  /** May pause attestations and cancel committee proposals besides the owner. */
  guardian: HardhatEthersSigner;
  consumer: HardhatEthersSigner;
  others: HardhatEthersSigner[];
}

export async function deployWorld(
  ethers: HardhatEthers,
  { alphaBps = 1_000n, signers = 3, threshold = 2n, committeeDelay = TWO_DAYS } = {},
): Promise<World> {
  const [owner, consumer, ...rest] = await ethers.getSigners();
  const guardian = rest[rest.length - 1];
  const others = rest.slice(0, -1);
  const committee = committeeAccounts(signers);
  const usd = await ethers.deployContract("TestUSD");
  const splitter = await ethers.deployContract("RevenueSplitter", [
    await usd.getAddress(),
    alphaBps,
    committee.map((a) => a.address),
    threshold,
    owner.address,
    guardian.address,
    committeeDelay,
  ]);
  const chainId = (await ethers.provider.getNetwork()).chainId;
  await usd.mint(consumer.address, 10n ** 40n);
  await usd.connect(consumer).approve(await splitter.getAddress(), ethers.MaxUint256);
  return {
    ethers,
    chainId,
    usd,
    splitter,
    address: (await splitter.getAddress()) as Address,
    committee,
    owner,
    guardian,
    consumer,
    others,
  };
}

/** Proposes a committee as the owner, lets its delay pass and activates it. */
export async function replaceCommittee(world: World, signers: string[], threshold: bigint) {
  await (await world.splitter.proposeCommittee(signers, threshold)).wait();
  await world.ethers.provider.send("evm_increaseTime", [Number(await world.splitter.committeeDelay())]);
  return world.splitter.activateCommittee();
}

export function attestation(contributor: string, tokens: bigint, nonce: bigint, overrides: Partial<Attestation> = {}): Attestation {
  return { contributor: contributor as Address, tokens, nonce, deadline: FAR_FUTURE, manifestCid: MANIFEST_CID, ...overrides };
}

/** Signs `a` for `splitter` on `chainId` with each account; returns `attest`'s signatures argument. */
export async function sign(
  a: Attestation,
  accounts: PrivateKeyAccount[],
  splitter: Address,
  chainId: bigint,
): Promise<Hex> {
  const typed = attestationTypedData(chainId, splitter, a);
  const signed = await Promise.all(accounts.map(async (acc) => ({ signer: acc.address, signature: await acc.signTypedData(typed) })));
  return packSignatures(signed);
}

/** Signs with the world's committee (its first `threshold` members) and submits. */
export async function attest(world: World, contributor: string, tokens: bigint, nonce: bigint, signers = 2) {
  const a = attestation(contributor, tokens, nonce);
  const signatures = await sign(a, world.committee.slice(0, signers), world.address, world.chainId);
  return world.splitter.attest(a, signatures);
}

export async function deposit(world: World, gross: bigint) {
  return world.splitter.connect(world.consumer).depositRevenue(gross);
}
