// The indexer answers what the raw logs say: a factory with two programs on a real Hardhat chain,
// attestations, deposits, surplus, claims, committee changes and a pause, read by a real Ponder
// process; its answers equal eth_getLogs's, after new blocks, and after a restart on its database.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createWalletClient, custom, getAbiItem, type Abi, type Address, type Hex } from "viem";
import { hardhat } from "viem/chains";
import { freePort } from "../frontend/e2e/chain.ts";
import { signAttestation } from "../oracle/attest/sign-attestation.ts";
import { startTestChain, testAccounts, type TestChain } from "../oracle/attest/testing/chain.ts";
import { revenueSplitterAbi, revenueSplitterFactoryAbi, testUsdAbi } from "../oracle/protocol/abi.ts";
import { packSignatures } from "../oracle/protocol/attestation.ts";
import { fetchProgramEvents, fetchPrograms, type IndexedEventPage } from "../oracle/protocol/indexer-api.ts";
import { startIndexer, type RunningIndexer } from "./launch.ts";

const MANIFEST: Hex = `0x01551220${"ab".repeat(32)}`;
const [member] = testAccounts(1, 2151);
const [alice, bob] = testAccounts(2, 2152).map((a) => a.address);

let chain: TestChain;
let factory: Address;
let programs: Address[];
let dataDir: string;
let indexer: RunningIndexer | undefined;
const nonces = new Map<string, bigint>();

async function send(address: Address, abi: Abi, functionName: string, args: unknown[]): Promise<void> {
  const wallet = createWalletClient({ chain: hardhat, transport: custom(chain.provider), account: chain.deployer });
  const hash = await wallet.writeContract({ address, abi, functionName, args } as never);
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  assert.equal(receipt.status, "success", `${functionName} reverted`);
}

async function attest(program: Address, contributor: Address, tokens: bigint): Promise<void> {
  const key = `${program}:${contributor}`;
  const nonce = (nonces.get(key) ?? 0n) + 1n;
  nonces.set(key, nonce);
  const attestation = { contributor, tokens, nonce, deadline: 2n ** 40n, manifestCid: MANIFEST };
  const signature = await signAttestation(member!, hardhat.id, program, attestation);
  await send(program, revenueSplitterAbi, "attest", [attestation, packSignatures([signature])]);
}

/** What eth_getLogs says about a program, in the shape the dApp reads. */
async function rawEvents(program: Address) {
  const logs = await chain.publicClient.getContractEvents({ abi: revenueSplitterAbi, address: program, fromBlock: 0n, strict: true });
  return logs.map((l) => ({ eventName: l.eventName, args: l.args, blockNumber: l.blockNumber, logIndex: l.logIndex, transactionHash: l.transactionHash }));
}

async function startOnChain(): Promise<RunningIndexer> {
  const env = { ...process.env, INDEXER_RPC_URL: chain.front.url, INDEXER_FACTORY_ADDRESS: factory, INDEXER_DATA_DIR: dataDir, INDEXER_POLLING_MS: "100", CHAIN_ID: String(hardhat.id) };
  return startIndexer(env, await freePort(), { throughBlock: await chain.publicClient.getBlockNumber() });
}

/** Polls until `check` passes (the indexer follows new blocks on its polling interval). */
async function eventually(check: () => Promise<void>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function assertSameAsLogs(): Promise<void> {
  for (const program of programs) assert.deepEqual(await fetchProgramEvents(indexer!.url, program), await rawEvents(program));
}

before(async () => {
  chain = await startTestChain();
  dataDir = mkdtempSync(join(tmpdir(), "1tt-indexer-"));
  programs = [await chain.deployProgram([member!.address], 1, { committeeDelay: 60n }), await chain.deployProgram([member!.address], 1)];
  const created = await chain.publicClient.getLogs({ event: getAbiItem({ abi: revenueSplitterFactoryAbi, name: "ProgramCreated" }), fromBlock: 0n });
  factory = created[0]!.address;
  const usd = await chain.publicClient.readContract({ address: programs[0]!, abi: revenueSplitterAbi, functionName: "asset" });
  await send(usd, testUsdAbi, "mint", [chain.deployer, 10n ** 24n]);
  for (const program of programs) await send(usd, testUsdAbi, "approve", [program, 2n ** 255n]);

  const [first, second] = programs as [Address, Address];
  await attest(first, alice!, 1_000n);
  await send(first, revenueSplitterAbi, "depositRevenue", [50_000n]);
  await attest(first, bob!, 3_000n);
  await send(first, revenueSplitterAbi, "depositRevenue", [120_000n]);
  await send(usd, testUsdAbi, "transfer", [first, 777n]);
  await send(first, revenueSplitterAbi, "syncSurplus", []);
  await send(first, revenueSplitterAbi, "claimFor", [alice]);
  await send(first, revenueSplitterAbi, "pauseAttestations", []);
  await send(first, revenueSplitterAbi, "unpause", []);
  await send(first, revenueSplitterAbi, "proposeCommittee", [[member!.address], 1n]);
  await chain.request("evm_increaseTime", [61]);
  await send(first, revenueSplitterAbi, "activateCommittee", []);
  await attest(second, bob!, 10n);
  await send(second, revenueSplitterAbi, "depositRevenue", [9_999n]);
  await send(second, revenueSplitterAbi, "claimFor", [bob]);

  indexer = await startOnChain();
});

after(async () => {
  await indexer?.stop();
  await chain?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("the indexer", () => {
  it("lists every program the factory created, with its asset and alpha", async () => {
    const listed = await fetchPrograms(indexer!.url);
    assert.deepEqual(listed.map((p) => p.program), programs);
    assert.deepEqual(listed.map((p) => [p.alphaBps, p.index]), [["1000", "0"], ["1000", "1"]]);
  });

  it("serves each program's events exactly as eth_getLogs returns them: attestations, deposits, surplus, claims, pauses and committee changes", async () => {
    await assertSameAsLogs();
    const names = new Set((await fetchProgramEvents(indexer!.url, programs[0]!)).map((e) => e.eventName));
    for (const name of ["Attested", "RevenueDeposited", "SurplusSynced", "Claimed", "AttestationsPaused", "AttestationsUnpaused", "CommitteeProposed", "CommitteeChanged"]) {
      assert.ok(names.has(name as never), `no ${name} indexed`);
    }
  });

  it("follows new blocks: a deposit made while it runs is served within a few polls", async () => {
    await send(programs[1]!, revenueSplitterAbi, "depositRevenue", [1_234n]);
    await eventually(assertSameAsLogs);
  });

  it("answers the same after a restart on its database, including what happened while it was down", async () => {
    await indexer!.stop();
    await attest(programs[1]!, alice!, 5n);
    await send(programs[1]!, revenueSplitterAbi, "claimFor", [bob]);
    indexer = await startOnChain();
    await eventually(assertSameAsLogs);
  });

  it("pages a history in chain order: small pages walked by their cursors, and a read from a block on, give the same events", async () => {
    const program = programs[0]!;
    const raw = await rawEvents(program);
    const walked: string[] = [];
    let next: string | null = "";
    while (next !== null) {
      const page = (await (await fetch(`${indexer!.url}/programs/${program}/events?limit=3${next ? `&after=${next}` : ""}`)).json()) as IndexedEventPage;
      assert.ok(page.events.length <= 3);
      walked.push(...page.events.map((e) => e.transactionHash + e.logIndex));
      next = page.next;
    }
    assert.deepEqual(walked, raw.map((e) => e.transactionHash + e.logIndex));
    const from = raw[4]!.blockNumber;
    assert.deepEqual(await fetchProgramEvents(indexer!.url, program, undefined, from), raw.filter((e) => e.blockNumber >= from));
  });

  it("refuses to serve a history for a program its factory did not create, rather than an empty one", async () => {
    const stranger = "0x000000000000000000000000000000000000dEaD";
    await assert.rejects(fetchProgramEvents(indexer!.url, stranger), (error: Error & { details?: string }) => {
      assert.match(error.details ?? "", new RegExp(`${stranger.toLowerCase()} is not a program of the factory ${factory} this indexer follows`, "i"));
      return true;
    });
  });

  it("refuses a malformed page cursor with a message that says what a cursor looks like", async () => {
    const res = await fetch(`${indexer!.url}/programs/${programs[0]}/events?after=yesterday`);
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: string }).error, /expected <block>-<logIndex>/);
  });
});
