// Transactions that are mined and revert: the relayer replays the call on that block and decodes
// the contract's custom error through the generated ABI.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createWalletClient, custom, type Address } from "viem";
import { hardhat } from "viem/chains";
import type { PrivateKeyAccount } from "viem/accounts";
import { revenueSplitterAbi } from "../protocol/abi.ts";
import type { Attestation } from "../protocol/attestation.ts";
import { AttemptLog, AttestationExpiredError, Relayer, signAttestation } from "./index.ts";
import { startTestChain, testAccounts, type TestChain } from "./testing/chain.ts";

let chain: TestChain;
let dir: string;
let relayerKey: PrivateKeyAccount;
let member: PrivateKeyAccount;
let splitter: Address;
const MANIFEST = `0x01551220${"cd".repeat(32)}` as const;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "1tt-relayer-reverts-"));
  // Few requests in this file: a tenth of them refused, so each kind of refusal is met.
  chain = await startTestChain({ publicRpc: { failureRate: 0.1 } });
  [relayerKey] = testAccounts(1, 98);
  [member] = testAccounts(1, 21);
  await chain.fund(relayerKey!.address);
  splitter = await chain.deployProgram([member!.address], 1);
});
after(async () => {
  await chain?.request("evm_setAutomine", [true]).catch(() => {});
  await chain?.close();
  await rm(dir, { recursive: true, force: true });
});

async function open(name: string) {
  const log = AttemptLog.open(join(dir, name));
  const client = createWalletClient({ chain: hardhat, transport: chain.transport(), account: relayerKey });
  const relayer = await Relayer.create({ client, splitter, log, retry: { attempts: 10, baseDelayMs: 10, maxDelayMs: 100 }, pollingIntervalMs: 25, rebroadcastIntervalMs: 150 });
  return { log, relayer };
}

async function waitForSent(log: AttemptLog): Promise<void> {
  const until = Date.now() + 10_000;
  // In the chain's mempool, not only sent: the public endpoint in between may refuse a broadcast,
  // which the relayer then repeats.
  const reached = async () => {
    const hash = log.pending()[0]?.transactionHash;
    return !!hash && (await chain.publicClient.getTransaction({ hash }).then(() => true, () => false));
  };
  while (!(await reached())) {
    if (Date.now() > until) throw new Error("nothing reached the chain");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("mined transactions that revert", () => {
  it("when the contributor's own wallet lands the same attestation first, reports it as already attested", async () => {
    const contributor = testAccounts(1, 31)[0]!.address;
    const attestation: Attestation = { contributor, tokens: 300n, nonce: 1n, deadline: 2n ** 40n, manifestCid: MANIFEST };
    const { signature } = await signAttestation(member!, 31337, splitter, attestation);
    const { log, relayer } = await open("race.sqlite");
    await chain.request("evm_setAutomine", [false]);
    try {
      const posting = relayer.post(attestation, signature);
      await waitForSent(log);
      // The contributor submits the same signed attestation with a higher tip: mined first in the block.
      const wallet = createWalletClient({ chain: hardhat, transport: custom(chain.provider), account: chain.deployer });
      await wallet.writeContract({ address: splitter, abi: revenueSplitterAbi, functionName: "attest", args: [attestation, signature], maxPriorityFeePerGas: 50_000_000_000n, maxFeePerGas: 100_000_000_000n, gas: 300_000n });
      await chain.request("evm_mine");
      const result = await posting;
      assert.equal(result.status, "already-attested");
      assert.deepEqual(log.all().map((a) => [a.status, a.error]), [["reverted", "StaleNonce"]]);
    } finally {
      await chain.request("evm_setAutomine", [true]);
      log.close();
    }
  });

  it("a transaction mined after its deadline gives AttestationExpiredError", async () => {
    const contributor = testAccounts(1, 32)[0]!.address;
    const now = (await chain.publicClient.getBlock()).timestamp;
    const attestation: Attestation = { contributor, tokens: 5n, nonce: 1n, deadline: now + 30n, manifestCid: MANIFEST };
    const { signature } = await signAttestation(member!, 31337, splitter, attestation);
    const { log, relayer } = await open("late.sqlite");
    await chain.request("evm_setAutomine", [false]);
    try {
      const posting = relayer.post(attestation, signature);
      await waitForSent(log);
      await chain.request("evm_increaseTime", [3600]);
      await chain.request("evm_mine");
      const err = await posting.catch((e: unknown) => e);
      assert.ok(err instanceof AttestationExpiredError, String(err));
      assert.equal(err.deadline, now + 30n);
      assert.ok(err.timestamp > err.deadline);
      assert.equal(err.transactionHash, log.all()[0]!.transactionHash);
      assert.deepEqual(log.all().map((a) => a.status), ["reverted"]);
    } finally {
      await chain.request("evm_setAutomine", [true]);
      log.close();
    }
  });
});

describe("under a public endpoint's limits", () => {
  it("every test above read and sent through them: some requests were answered 429 or 503 and retried", () => {
    const tally = chain.publicRpc!.tally;
    assert.ok(tally.forwarded > 0 && tally.injected429 > 0 && tally.injected503 > 0, JSON.stringify(tally));
  });
});
