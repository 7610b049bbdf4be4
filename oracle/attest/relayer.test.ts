// The relayer against a real chain: Hardhat's in-process network behind an HTTP front that the
// tests switch off and on. Contracts are deployed from the Hardhat artifacts (npx hardhat build).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createWalletClient, parseEventLogs, parseTransaction, type Address, type Hex } from "viem";
import { hardhat } from "viem/chains";
import type { PrivateKeyAccount } from "viem/accounts";
import { EmbeddedStore } from "../store/embedded/embedded-store.ts";
import { cidFromHex, fixtureManifestFor, readManifest, writeManifest } from "./relayer-test-helpers.ts";
import { revenueSplitterAbi } from "../protocol/abi.ts";
import type { Attestation } from "../protocol/attestation.ts";
import {
  attestationForManifest,
  AttemptLog,
  AttestationExpiredError,
  AttestationRevertedError,
  combineSignatures,
  readCommittee,
  Relayer,
  RpcUnavailableError,
  signAttestation,
} from "./index.ts";
import type { RetryPolicy } from "./index.ts";
import { startTestChain, testAccounts, type TestChain } from "./testing/chain.ts";

const FAR = 2n ** 40n;
let chain: TestChain;
let dir: string;
let store: EmbeddedStore;
let relayerKey: PrivateKeyAccount;
const contributors = testAccounts(12, 7).map((a) => a.address);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "1tt-relayer-test-"));
  store = await EmbeddedStore.open(join(dir, "store"));
  chain = await startTestChain({ publicRpc: {} });
  [relayerKey] = testAccounts(1, 99);
  await chain.fund(relayerKey!.address);
});
after(async () => {
  await chain?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const FAST_RETRY: RetryPolicy = { attempts: 40, baseDelayMs: 20, maxDelayMs: 200 };

function relayerClient(timeoutMs?: number) {
  return createWalletClient({ chain: hardhat, transport: chain.transport(timeoutMs), account: relayerKey });
}

async function openRelayer(splitter: Address, logName: string, retry: RetryPolicy = FAST_RETRY, timeoutMs?: number) {
  const log = AttemptLog.open(join(dir, logName));
  const relayer = await Relayer.create({ client: relayerClient(timeoutMs), splitter, log, retry, pollingIntervalMs: 100, rebroadcastIntervalMs: 300, receiptTimeoutMs: 20_000 });
  return { log, relayer };
}

async function tokensOf(splitter: Address, who: Address): Promise<bigint> {
  return chain.publicClient.readContract({ address: splitter, abi: revenueSplitterAbi, functionName: "tokensOf", args: [who] });
}

/** A manifest on the store, and the committee's combined signatures of its attestation. */
async function signedAttestation(splitter: Address, committee: PrivateKeyAccount[], contributor: Address, tokens: number, deadline = FAR) {
  const manifest = await fixtureManifestFor(splitter, contributor, tokens);
  const cid = await writeManifest(store, manifest);
  const attestation = attestationForManifest(manifest, cid, deadline);
  const signed = await Promise.all(committee.map((member) => signAttestation(member, 31337, splitter, attestation)));
  const onChain = await readCommittee(chain.publicClient, splitter);
  const { signatures } = await combineSignatures({ chainId: 31337, splitter, attestation, signatures: signed, committee: onChain });
  return { manifest, cid, attestation, signatures };
}

const sentCount = () => new Set(chain.front.rawTransactions).size;

/** The relayer's pending transaction is in the chain's mempool (a broadcast the public endpoint refused is not, until the relayer repeats it). */
async function inMempool(log: AttemptLog): Promise<boolean> {
  const hash = log.pending()[0]?.transactionHash;
  return !!hash && (await chain.publicClient.getTransaction({ hash }).then(() => true, () => false));
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("posting attestations to a real chain", () => {
  it("1-of-1: posts, and tokensOf equals the attested count; the event names the manifest", async () => {
    const [member] = testAccounts(1, 1);
    const splitter = await chain.deployProgram([member!.address], 1);
    const { relayer, log } = await openRelayer(splitter, "one.sqlite");
    const { manifest, cid, attestation, signatures } = await signedAttestation(splitter, [member!], contributors[0]!, 1_500);
    const result = await relayer.post(attestation, signatures);
    assert.equal(result.status, "confirmed");
    assert.equal(await tokensOf(splitter, contributors[0]!), BigInt(manifest.tokens.cumulative));
    assert.equal(result.status === "confirmed" && result.resumed, false);
    const receipt = await chain.publicClient.getTransactionReceipt({ hash: (result as { transactionHash: Hex }).transactionHash });
    const [event] = parseEventLogs({ abi: revenueSplitterAbi, eventName: "Attested", logs: receipt.logs });
    assert.ok(cidFromHex(event!.args.manifestCid).equals(cid));
    assert.deepEqual(await readManifest(store, cidFromHex(event!.args.manifestCid)), manifest);
    assert.deepEqual(log.all().map((a) => a.status), ["confirmed"]);
    log.close();
  });

  it("2-of-3: posts two signatures of three members", async () => {
    const members = testAccounts(3, 2);
    const splitter = await chain.deployProgram(members.map((m) => m.address), 2);
    const { relayer, log } = await openRelayer(splitter, "two.sqlite");
    const { attestation, signatures } = await signedAttestation(splitter, members, contributors[1]!, 2_000);
    assert.equal(signatures.length, 2 + 2 * 130);
    assert.equal((await relayer.post(attestation, signatures)).status, "confirmed");
    assert.equal(await tokensOf(splitter, contributors[1]!), 2_000n);
    log.close();
  });

  it("skips an attestation already on chain without sending a transaction", async () => {
    const [member] = testAccounts(1, 3);
    const splitter = await chain.deployProgram([member!.address], 1);
    const { relayer, log } = await openRelayer(splitter, "skip.sqlite");
    const { attestation, signatures } = await signedAttestation(splitter, [member!], contributors[2]!, 900);
    await relayer.post(attestation, signatures);
    const sent = sentCount();
    const again = await relayer.post(attestation, signatures);
    assert.deepEqual(again.status === "already-attested" && again.onChainNonce, 1n);
    assert.equal(sentCount(), sent, "no second transaction");
    // Posted by someone else (e.g. the contributor's wallet), a fresh relayer also skips it.
    const other = await openRelayer(splitter, "skip-other.sqlite");
    assert.equal((await other.relayer.post(attestation, signatures)).status, "already-attested");
    assert.equal(sentCount(), sent);
    log.close();
    other.log.close();
  });

  it("after a restart with a pending transaction in the database, waits for it and sends no second one", async () => {
    const [member] = testAccounts(1, 4);
    const splitter = await chain.deployProgram([member!.address], 1);
    const { attestation, signatures } = await signedAttestation(splitter, [member!], contributors[3]!, 1_234);
    await chain.request("evm_setAutomine", [false]);
    try {
      const first = await openRelayer(splitter, "restart.sqlite");
      const crash = new AbortController();
      const posting = first.relayer.post(attestation, signatures, { signal: crash.signal });
      await waitFor(() => inMempool(first.log), "the transaction to reach the chain");
      crash.abort(new Error("simulated crash"));
      await assert.rejects(posting, /simulated crash/);
      first.log.close();
      const sent = sentCount();
      const accountNonce = await chain.publicClient.getTransactionCount({ address: relayerKey.address, blockTag: "pending" });

      const second = await openRelayer(splitter, "restart.sqlite");
      assert.equal(second.log.pending().length, 1);
      const again = second.relayer.post(attestation, signatures);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(sentCount(), sent, "no new transaction while the first may still land");
      await chain.request("evm_mine");
      const result = await again;
      assert.equal(result.status, "confirmed");
      assert.equal(result.status === "confirmed" && result.resumed, true);
      assert.equal(result.status === "confirmed" && result.transactionHash, second.log.all()[0]!.transactionHash);
      assert.equal(await chain.publicClient.getTransactionCount({ address: relayerKey.address, blockTag: "pending" }), accountNonce);
      assert.equal(sentCount(), sent);
      assert.equal(await tokensOf(splitter, contributors[3]!), 1_234n);
      second.log.close();
    } finally {
      await chain.request("evm_setAutomine", [true]);
    }
  });

  it("replaces a transaction stuck in the mempool with higher fees; the replacement lands and the count is set once", async () => {
    const [member] = testAccounts(1, 21);
    const splitter = await chain.deployProgram([member!.address], 1);
    const { attestation, signatures } = await signedAttestation(splitter, [member!], contributors[11]!, 2_100);
    await chain.request("evm_setAutomine", [false]);
    try {
      const log = AttemptLog.open(join(dir, "replace.sqlite"));
      const relayer = await Relayer.create({ client: relayerClient(), splitter, log, retry: FAST_RETRY, pollingIntervalMs: 100, rebroadcastIntervalMs: 300, receiptTimeoutMs: 20_000, replaceAfterMs: 300 });
      const before = new Set(chain.front.rawTransactions);
      const posting = relayer.post(attestation, signatures);
      const ours = () => [...new Set(chain.front.rawTransactions)].filter((t) => !before.has(t)).map((t) => parseTransaction(t as Hex));
      await waitFor(() => ours().length >= 2, "a replacement to be sent");
      const [stuck, replacement] = ours();
      assert.equal(replacement!.nonce, stuck!.nonce, "the same account nonce");
      assert.ok(replacement!.maxFeePerGas! >= (stuck!.maxFeePerGas! * 1125n) / 1000n, `maxFeePerGas ${stuck!.maxFeePerGas} → ${replacement!.maxFeePerGas}`);
      assert.ok(replacement!.maxPriorityFeePerGas! >= (stuck!.maxPriorityFeePerGas! * 1125n) / 1000n);
      await chain.request("evm_mine");
      const result = await posting;
      assert.equal(result.status, "confirmed");
      const attempts = log.all();
      const mined = attempts.find((x) => x.status === "confirmed")!;
      assert.equal(result.status === "confirmed" && result.transactionHash, mined.transactionHash);
      assert.ok(attempts.filter((x) => x !== mined).every((x) => x.status === "dropped" && /replaced/.test(x.error ?? "")), JSON.stringify(attempts.map((x) => [x.status, x.error])));
      assert.equal(await tokensOf(splitter, contributors[11]!), 2_100n);
      log.close();
    } finally {
      await chain.request("evm_setAutomine", [true]);
    }
  });

  it("after a restart, re-sends the very same bytes when the node lost the transaction", async () => {
    const [member] = testAccounts(1, 5);
    const splitter = await chain.deployProgram([member!.address], 1);
    const { attestation, signatures } = await signedAttestation(splitter, [member!], contributors[4]!, 777);
    await chain.request("evm_setAutomine", [false]);
    try {
      const first = await openRelayer(splitter, "lost.sqlite");
      const crash = new AbortController();
      const posting = first.relayer.post(attestation, signatures, { signal: crash.signal });
      await waitFor(() => inMempool(first.log), "the transaction to reach the chain");
      crash.abort(new Error("simulated crash"));
      await assert.rejects(posting);
      first.log.close();
      const peek = AttemptLog.open(join(dir, "lost.sqlite"));
      const hash = peek.pending()[0]!.transactionHash!;
      peek.close();
      await chain.request("hardhat_dropTransaction", [hash]);
      await chain.request("evm_setAutomine", [true]);
      const raw = new Set(chain.front.rawTransactions);

      const second = await openRelayer(splitter, "lost.sqlite");
      const outcomes = await second.relayer.resume();
      assert.equal(outcomes.length, 1);
      assert.equal(outcomes[0]!.result?.status, "confirmed");
      assert.equal(outcomes[0]!.result?.status === "confirmed" && outcomes[0]!.result.transactionHash, hash, "the same transaction");
      assert.equal(new Set(chain.front.rawTransactions).size, raw.size, "no new bytes were signed");
      assert.equal(await tokensOf(splitter, contributors[4]!), 777n);
      second.log.close();
    } finally {
      await chain.request("evm_setAutomine", [true]);
    }
  });

  it("retries while the RPC endpoint refuses connections and succeeds once it is back", async () => {
    const [member] = testAccounts(1, 6);
    const splitter = await chain.deployProgram([member!.address], 1);
    const { attestation, signatures } = await signedAttestation(splitter, [member!], contributors[5]!, 4_321);
    const retries: string[] = [];
    const { relayer, log } = await openRelayer(splitter, "down.sqlite", { ...FAST_RETRY, onRetry: (i) => retries.push(i.operation) });
    await chain.front.setMode("refuse");
    const posting = relayer.post(attestation, signatures);
    await new Promise((r) => setTimeout(r, 500));
    await chain.front.setMode("up");
    const result = await posting;
    assert.equal(result.status, "confirmed");
    assert.ok(retries.length >= 2, `retried ${retries.length} times`);
    assert.equal(await tokensOf(splitter, contributors[5]!), 4_321n);
    log.close();
  });

  it("retries through HTTP 503 and timeouts while waiting for the receipt", async () => {
    const [member] = testAccounts(1, 8);
    const splitter = await chain.deployProgram([member!.address], 1);
    const { attestation, signatures } = await signedAttestation(splitter, [member!], contributors[6]!, 55);
    const retries: string[] = [];
    const { relayer, log } = await openRelayer(splitter, "flaky.sqlite", { ...FAST_RETRY, onRetry: (i) => retries.push(i.operation) }, 300);
    await chain.request("evm_setAutomine", [false]);
    try {
      const posting = relayer.post(attestation, signatures);
      await waitFor(() => inMempool(log), "the transaction to reach the chain");
      await chain.front.setMode("http-503");
      await new Promise((r) => setTimeout(r, 200));
      await chain.front.setMode("hang");
      await chain.request("evm_mine"); // mined while the relayer cannot see it
      await new Promise((r) => setTimeout(r, 700));
      await chain.front.setMode("up");
      const result = await posting;
      assert.equal(result.status, "confirmed");
      assert.ok(retries.includes("eth_getTransactionReceipt"), `retried: ${[...new Set(retries)].join(", ")}`);
      assert.equal(await tokensOf(splitter, contributors[6]!), 55n);
    } finally {
      await chain.front.setMode("up");
      await chain.request("evm_setAutomine", [true]);
      log.close();
    }
  });

  it("fails with RpcUnavailableError after the retry budget, having sent nothing", async () => {
    const [member] = testAccounts(1, 9);
    const splitter = await chain.deployProgram([member!.address], 1);
    const { attestation, signatures } = await signedAttestation(splitter, [member!], contributors[7]!, 10);
    const { relayer, log } = await openRelayer(splitter, "budget.sqlite", { attempts: 4, baseDelayMs: 10, maxDelayMs: 40 });
    await chain.front.setMode("refuse");
    try {
      const err = await relayer.post(attestation, signatures).catch((e: unknown) => e);
      assert.ok(err instanceof RpcUnavailableError, String(err));
      assert.equal(err.attempts, 4);
      assert.match(err.message, /RPC endpoint is unavailable: nonceOf failed 4 times/);
      assert.deepEqual(log.all(), []);
    } finally {
      await chain.front.setMode("up");
    }
    assert.equal((await relayer.post(attestation, signatures)).status, "confirmed", "works once the endpoint is back");
    log.close();
  });

  it("gives a typed error for an expired deadline, and for a contract refusal decoded through the ABI", async () => {
    const members = testAccounts(2, 10);
    const splitter = await chain.deployProgram(members.map((m) => m.address), 1);
    const { relayer, log } = await openRelayer(splitter, "typed.sqlite");
    const now = (await chain.publicClient.getBlock()).timestamp;
    const expired = await signedAttestation(splitter, [members[0]!], contributors[8]!, 10, now - 1n);
    const err = await relayer.post(expired.attestation, expired.signatures).catch((e: unknown) => e);
    assert.ok(err instanceof AttestationExpiredError, String(err));
    assert.equal(err.deadline, now - 1n);

    // Signed by a key outside the committee (skipping combineSignatures' check): the contract says why.
    const [outsider] = testAccounts(1, 11);
    const good = await signedAttestation(splitter, [members[0]!], contributors[9]!, 10);
    const forged: Attestation = good.attestation;
    const signature = (await signAttestation(outsider!, 31337, splitter, forged)).signature;
    const refused = await relayer.post(forged, signature).catch((e: unknown) => e);
    assert.ok(refused instanceof AttestationRevertedError, String(refused));
    assert.equal(refused.errorName, "NotACommitteeSigner");
    assert.equal(refused.args[0], outsider!.address);
    assert.match(refused.message, /NotACommitteeSigner/);
    assert.deepEqual(log.all(), [], "nothing was sent");
    log.close();
  });
});

describe("under a public endpoint's limits", () => {
  it("every test above read and sent through them: some requests were answered 429 or 503 and retried", () => {
    const tally = chain.publicRpc!.tally;
    assert.ok(tally.forwarded > 0 && tally.injected429 > 0 && tally.injected503 > 0, JSON.stringify(tally));
  });
});
