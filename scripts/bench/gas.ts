// Gas benchmark of the on-chain core on Hardhat's in-process network (receipts, 21,000 base
// included): every operation with 1, 100 and 10,000 contributors registered by real, committee-
// signed attestations, beside a plain ERC-20 transfer measured in the same run.
// Run: npm run bench:gas   (about a minute; prints a markdown table)
import hre, { network } from "hardhat";
import { Signature } from "ethers";
import type { ContractTransactionResponse } from "ethers";
import type { Address, Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { PrivateKeyAccount } from "viem/accounts";
import { attestationTypedData, packSignatures } from "../../oracle/protocol/attestation.ts";
import { claimTypedData } from "../../oracle/protocol/claim.ts";
import type { Attestation } from "../../oracle/protocol/attestation.ts";
import { gasBreakdown } from "./gas-breakdown.ts";
import type { GasBreakdown } from "./gas-breakdown.ts";

const SIZES = [1, 100, 10_000];
const BATCH = 120; // attestations per transaction: below osaka's per-transaction gas cap (2**24)
const CID: Hex = `0x01551220${"ab".repeat(32)}`;
const DEADLINE = 2n ** 40n;

// Build first: a previous `--coverage` run leaves instrumented artifacts, which cost more gas.
await hre.tasks.getTask("build").run({ quiet: true });
const connection = await network.create();
const { ethers } = connection;
const hardfork = (connection.networkConfig as { hardfork?: string }).hardfork ?? "default";
const chainId = (await ethers.provider.getNetwork()).chainId;
const [deployer, consumer, ...people] = await ethers.getSigners();
const committee: PrivateKeyAccount[] = [1n, 2n, 3n].map((i) =>
  privateKeyToAccount(`0x${(0xbe0c4n * 1000n + i).toString(16).padStart(64, "0")}`),
);

const receiptOf = async (tx: Promise<ContractTransactionResponse>) => {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("no receipt");
  return receipt;
};
const gasOf = async (tx: Promise<ContractTransactionResponse>): Promise<bigint> => (await receiptOf(tx)).gasUsed;

// The claims and transfers of the first program size, traced opcode by opcode for the breakdown.
const traced = new Map<string, { gasUsed: bigint; parts: GasBreakdown }>();
const traceOf = async (name: string, tx: Promise<ContractTransactionResponse>): Promise<bigint> => {
  const receipt = await receiptOf(tx);
  if (!traced.has(name)) traced.set(name, { gasUsed: receipt.gasUsed, parts: await gasBreakdown(ethers.provider, receipt.hash) });
  return receipt.gasUsed;
};

const usd = await ethers.deployContract("TestUSD");
const usdAddress = await usd.getAddress();
await usd.mint(consumer.address, 10n ** 30n);
const batcher = await ethers.deployContract("BatchAttester");

async function signed(splitter: Address, a: Attestation, signers: PrivateKeyAccount[]): Promise<Hex> {
  const typed = attestationTypedData(chainId, splitter, a);
  return packSignatures(await Promise.all(signers.map(async (s) => ({ signer: s.address, signature: await s.signTypedData(typed) }))));
}

type Row = Record<number, bigint>;
const rows = new Map<string, Row>();
const record = (name: string, size: number, gas: bigint) => {
  const row = rows.get(name) ?? {};
  row[size] = gas;
  rows.set(name, row);
};


// ---- one-off costs
const one = new Map<string, bigint>();
const NO_GUARDIAN = ethers.ZeroAddress;
const TWO_DAYS = 2n * 24n * 3600n;
const deployTx = await ethers.deployContract("RevenueSplitter", [usdAddress, 1_000n, committee.map((c) => c.address), 1n, deployer.address, NO_GUARDIAN, TWO_DAYS]);
one.set("deploy RevenueSplitter", (await deployTx.deploymentTransaction()!.wait())!.gasUsed);
{
  const fresh = (await deployTx.getAddress()) as Address;
  const a: Attestation = { contributor: people[17].address as Address, tokens: 5_000n, nonce: 1n, deadline: DEADLINE, manifestCid: CID };
  one.set("attest, program's very first (1 signer)", await gasOf(deployTx.attest(a, await signed(fresh, a, committee.slice(0, 1)))));
}
const factory = await ethers.deployContract("RevenueSplitterFactory");
one.set("deploy RevenueSplitterFactory", (await factory.deploymentTransaction()!.wait())!.gasUsed);
one.set("createProgram (3 signers)", await gasOf(factory.createProgram(usdAddress, 1_000n, committee.map((c) => c.address), 2n, deployer.address)));
{
  // Owner powers: a committee change (proposal, then activation after the delay) and a pause.
  const nextCommittee = committee.slice(1).map((c) => c.address);
  one.set("proposeCommittee (2 signers)", await gasOf(deployTx.proposeCommittee(nextCommittee, 1n)));
  await ethers.provider.send("evm_increaseTime", [Number(TWO_DAYS)]);
  one.set("activateCommittee (2 signers)", await gasOf(deployTx.activateCommittee()));
  one.set("pauseAttestations", await gasOf(deployTx.pauseAttestations()));
  one.set("unpause", await gasOf(deployTx.unpause()));
}

// ---- reference: plain ERC-20 transfers in the same run
await usd.mint(deployer.address, 10n ** 12n);
const holder = ethers.Wallet.createRandom().address;
const transferFresh = await traceOf("transfer, fresh holder", usd.transfer(holder, 1_000_000n));
const transferExisting = await traceOf("transfer, existing holder", usd.transfer(holder, 1_000_000n));

let peopleUsed = 0;
const takePerson = () => people[peopleUsed++];

for (const size of SIZES) {
  const started = Date.now();
  const splitter = await ethers.deployContract("RevenueSplitter", [usdAddress, 1_000n, committee.map((c) => c.address), 1n, deployer.address, NO_GUARDIAN, TWO_DAYS]);
  const address = (await splitter.getAddress()) as Address;
  await usd.connect(consumer).approve(address, ethers.MaxUint256);

  // Register `size` contributors with real signed attestations, in batches.
  for (let start = 0; start < size; start += BATCH) {
    const attestations: Attestation[] = [];
    const signatures: Hex[] = [];
    for (let i = start; i < Math.min(size, start + BATCH); i++) {
      const a: Attestation = {
        contributor: ethers.getAddress(`0x${(0xc0de000000n + BigInt(i)).toString(16).padStart(40, "0")}`) as Address,
        tokens: 1_000n + BigInt(i),
        nonce: 1n,
        deadline: DEADLINE,
        manifestCid: CID,
      };
      attestations.push(a);
      signatures.push(await signed(address, a, committee.slice(0, 1)));
    }
    await (await batcher.attestAll(address, attestations, signatures, { gasLimit: 16_000_000n })).wait();
  }
  if ((await splitter.totalTokens()) === 0n) throw new Error("registration failed");

  // The program's first deposit, then a regular one.
  record("depositRevenue (program's first)", size, await gasOf(splitter.connect(consumer).depositRevenue(10n ** 9n)));

  // attest: a contributor's first and later attestation, with 1, 2 and 3 signers.
  const claimers: { address: string }[] = [];
  for (const k of [1, 2, 3]) {
    const person = takePerson();
    claimers.push(person);
    const first: Attestation = { contributor: person.address as Address, tokens: 5_000n, nonce: 1n, deadline: DEADLINE, manifestCid: CID };
    record(`attest, first (${k} signer${k > 1 ? "s" : ""})`, size, await gasOf(splitter.attest(first, await signed(address, first, committee.slice(0, k)))));
  }
  for (const [index, k] of [1, 2, 3].entries()) {
    const later: Attestation = { contributor: claimers[index].address as Address, tokens: 6_000n, nonce: 2n, deadline: DEADLINE, manifestCid: CID };
    record(`attest, later (${k} signer${k > 1 ? "s" : ""})`, size, await gasOf(splitter.attest(later, await signed(address, later, committee.slice(0, k)))));
  }

  record("depositRevenue", size, await gasOf(splitter.connect(consumer).depositRevenue(10n ** 9n)));

  // depositRevenueWithPermit from a payer with no allowance: the permit and the deposit in one transaction.
  const payer = takePerson();
  await usd.mint(payer.address, 10n ** 12n);
  const amount = await splitter.amountForRevenue(10n ** 9n);
  const permitSig = Signature.from(
    await payer.signTypedData(
      { name: "Test USD", version: "1", chainId, verifyingContract: usdAddress },
      { Permit: [{ name: "owner", type: "address" }, { name: "spender", type: "address" }, { name: "value", type: "uint256" }, { name: "nonce", type: "uint256" }, { name: "deadline", type: "uint256" }] },
      { owner: payer.address, spender: address, value: amount, nonce: await usd.nonces(payer.address), deadline: DEADLINE },
    ),
  );
  record("depositRevenueWithPermit", size, await gasOf(splitter.connect(payer).depositRevenueWithPermit(10n ** 9n, DEADLINE, permitSig.v, permitSig.r, permitSig.s)));

  // claim: first (the recipient holds no TestUSD yet) and later (it does).
  const claimer = claimers[0] as (typeof people)[number];
  if ((await usd.balanceOf(claimer.address)) !== 0n) throw new Error("claimer is not a fresh holder");
  record("claim, first", size, await traceOf("claim, first", splitter.connect(claimer).claim(claimer.address)));
  await splitter.connect(consumer).depositRevenue(10n ** 9n);
  record("claim, later", size, await traceOf("claim, later", splitter.connect(claimer).claim(claimer.address)));

  // claimWithSig: a contributor that holds no ether signs; the deployer relays and pays.
  const signer = privateKeyToAccount(`0x${(0x5e1f0000n + BigInt(size)).toString(16).padStart(64, "0")}`);
  const registration: Attestation = { contributor: signer.address, tokens: 5_000n, nonce: 1n, deadline: DEADLINE, manifestCid: CID };
  await splitter.attest(registration, await signed(address, registration, committee.slice(0, 1)));
  await splitter.connect(consumer).depositRevenue(10n ** 9n);
  const claim = { contributor: signer.address, recipient: signer.address, nonce: 0n, deadline: DEADLINE };
  record("claimWithSig (relayed), first", size, await gasOf(splitter.claimWithSig(claim, await signer.signTypedData(claimTypedData(chainId, address, claim)))));

  // syncSurplus: units sent by plain transfer, shared by anyone.
  await usd.mint(address, 1_000_000n);
  record("syncSurplus", size, await gasOf(splitter.syncSurplus()));
  console.error(`  ${size} contributors registered and measured in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const fmt = (n: bigint) => n.toLocaleString("en-US");
const header = `| operation | ${SIZES.map((s) => `${s.toLocaleString("en-US")} contributors`).join(" | ")} |`;
const lines = [
  `Gas used (receipts, 21,000 base included), Hardhat in-process network, hardfork ${hardfork}, solc 0.8.34 optimizer 10,000 runs.`,
  "",
  header,
  `|---|${SIZES.map(() => "--:").join("|")}|`,
  ...[...rows].map(([name, row]) => `| ${name} | ${SIZES.map((s) => fmt(row[s])).join(" | ")} |`),
  `| ERC-20 transfer, fresh holder (reference) | ${SIZES.map(() => fmt(transferFresh)).join(" | ")} |`,
  `| ERC-20 transfer, existing holder (reference) | ${SIZES.map(() => fmt(transferExisting)).join(" | ")} |`,
  `| claim first / transfer to fresh holder | ${SIZES.map((s) => (Number(rows.get("claim, first")![s]) / Number(transferFresh)).toFixed(3)).join(" | ")} |`,
  `| claim later / transfer to existing holder | ${SIZES.map((s) => (Number(rows.get("claim, later")![s]) / Number(transferExisting)).toFixed(3)).join(" | ")} |`,
  "",
  "| one-off | gas |",
  "|---|--:|",
  ...[...one].map(([name, gas]) => `| ${name} | ${fmt(gas)} |`),
];

// Where a claim's gas goes beside the transfer it makes: the ratio target leaves the splitter a
// budget (target − intrinsic − the transfer inside the token); its fixed costs (storage, the
// token's account, the event, the guard) come out of that budget before any code.
const sum = (p: GasBreakdown) => p.storage + p.transient + p.events + p.callAccess + p.code + p.inner;
const pairs = [
  { claim: "claim, first", transfer: "transfer, fresh holder", target: 1.265 },
  { claim: "claim, later", transfer: "transfer, existing holder", target: 1.396 },
];
const cell = (n: number) => n.toLocaleString("en-US");
const breakdown: string[][] = [];
for (const { claim, transfer, target } of pairs) {
  const c = traced.get(claim)!;
  const t = traced.get(transfer)!;
  const transferInside = sum(t.parts);
  const budget = Math.floor(Number(t.gasUsed) * target) - (Number(c.gasUsed) - sum(c.parts)) - c.parts.inner;
  const fixed = c.parts.storage + c.parts.callAccess + c.parts.events + c.parts.transient;
  breakdown.push([
    claim,
    cell(Number(c.gasUsed)),
    cell(Number(c.gasUsed) - sum(c.parts)),
    `${cell(c.parts.inner)} (a plain transfer: ${cell(transferInside)})`,
    cell(c.parts.storage),
    cell(c.parts.callAccess),
    cell(c.parts.events),
    cell(c.parts.transient),
    cell(c.parts.code),
    `${target}× = ${cell(budget)}`,
    cell(budget - fixed),
  ]);
}
lines.push(
  "",
  "| where a claim's gas goes | gas used | intrinsic (21,000 + calldata) | inside the token | splitter storage | token account | Claimed event | reentrancy guard | other splitter code | splitter budget at the target | budget left for code after the fixed costs |",
  "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  ...breakdown.map((row) => `| ${row.join(" | ")} |`),
);
console.log(lines.join("\n"));
