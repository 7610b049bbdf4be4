// After a captured committee moved a contributor's nonce far ahead (by up to 2^16, with a count
// of 0), the owner replaces it and the oracle attests the contributor's next submission with the
// new committee: the nonce is max(contributorSequence + 1, nonceOf + 1), recorded in the
// manifest, the attestation lands and restores the count, and the audit accepts the repaired
// attestation while it still names the captured one.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createWalletClient, custom, type Address, type LocalAccount } from "viem";
import { hardhat } from "viem/chains";
import { AttemptLog, combineSignatures, readCommittee, Relayer, signAttestation } from "../attest/index.ts";
import { startTestChain, testAccounts, type TestChain } from "../attest/testing/chain.ts";
import { auditSplitter } from "../audit/index.ts";
import { cidFromHex, manifestNonce, readManifest } from "../manifest/index.ts";
import { MAX_NONCE_STEP } from "../protocol/attestation.ts";
import { revenueSplitterAbi } from "../protocol/abi.ts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { datasetJsonl, followEvents, ProgramSink, signIn, startService, upload, type TestService } from "../service/testing.ts";
import { EmbeddedStore } from "../store/index.ts";

describe("nonce repair after a committee rotation", () => {
  let chain: TestChain;
  let workers: PipelineWorkers;
  let splitter: Address;
  let dir = "";
  const [captured, replacement, relayerKey, contributor] = testAccounts(4, 6161);

  before(async () => {
    chain = await startTestChain();
    // No committee delay: the oracle's attestations carry wall-clock deadlines, which a chain moved two days ahead would find expired.
    splitter = await chain.deployProgram([captured.address], 1, { committeeDelay: 0n });
    await chain.fund(relayerKey.address);
    workers = await PipelineWorkers.start({}, 1);
    dir = mkdtempSync(join(tmpdir(), "1tt-nonce-repair-"));
  });
  after(async () => {
    await workers?.close();
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The oracle with one committee key, on the same data folder each time (a restart with a new key). */
  async function oracle(signer: LocalAccount): Promise<TestService> {
    const relayer = await Relayer.create({
      client: createWalletClient({ chain: hardhat, transport: custom(chain.provider), account: relayerKey }),
      splitter,
      log: AttemptLog.open(join(dir, `relayer-${signer.address}.db`)),
      pollingIntervalMs: 25,
    });
    const sink = (store: ConstructorParameters<typeof ProgramSink>[0]["store"]) =>
      new ProgramSink({ store, chainId: hardhat.id, splitter, client: chain.publicClient, signers: [signer], relayer, consumers: [], auditors: [], attestationTtlSeconds: 3600 });
    return startService(workers, { SPLITTER_ADDRESS: splitter }, { sink }, join(dir, "service"));
  }

  async function submit(svc: TestService, seed: number) {
    const alice = await signIn(svc.url, contributor);
    const { job } = (await (await upload(svc.url, alice, [{ name: `part-${seed}.jsonl`, data: datasetJsonl(seed) }])).json()) as { job: { id: string } };
    const done = (await followEvents(svc.url, alice, job.id)).at(-1)!;
    assert.equal(done.data.state, "accepted", JSON.stringify(done.data.error));
    return done.data.result.attestation as { nonce: string; tokens: string; manifestCid: `0x${string}`; posted: { status: string } };
  }

  const view = (functionName: "nonceOf" | "tokensOf") => chain.publicClient.readContract({ address: splitter, abi: revenueSplitterAbi, functionName, args: [contributor.address] });

  it("attests above the captured committee's nonce, records it in the manifest, and the audit accepts it", async () => {
    const first = await oracle(captured);
    const a1 = await submit(first, 31);
    await first.close(true);
    assert.equal(a1.nonce, "1");

    // The captured key zeroes the contributor and jumps their nonce as far as the contract allows.
    const jump = { contributor: contributor.address, tokens: 0n, nonce: 1n + MAX_NONCE_STEP, deadline: BigInt(Math.floor(Date.now() / 1000) + 3600), manifestCid: a1.manifestCid };
    const signed = await combineSignatures({
      chainId: hardhat.id,
      splitter,
      attestation: jump,
      signatures: [await signAttestation(captured, hardhat.id, splitter, jump)],
      committee: await readCommittee(chain.publicClient, splitter),
    });
    const wallet = createWalletClient({ chain: hardhat, transport: custom(chain.provider), account: relayerKey });
    await chain.publicClient.waitForTransactionReceipt({ hash: await wallet.writeContract({ address: splitter, abi: revenueSplitterAbi, functionName: "attest", args: [jump, signed.signatures] }), pollingInterval: 25 });
    assert.equal(await view("tokensOf"), 0n);

    const owner = createWalletClient({ chain: hardhat, transport: custom(chain.provider), account: chain.deployer });
    // The owner replaces the committee: proposed, then activated (this program's delay is 0).
    await chain.publicClient.waitForTransactionReceipt({ hash: await owner.writeContract({ address: splitter, abi: revenueSplitterAbi, functionName: "proposeCommittee", args: [[replacement.address], 1n] }), pollingInterval: 25 });
    await chain.publicClient.waitForTransactionReceipt({ hash: await owner.writeContract({ address: splitter, abi: revenueSplitterAbi, functionName: "activateCommittee" }), pollingInterval: 25 });

    const second = await oracle(replacement);
    const a2 = await submit(second, 32);
    await second.close(true);
    assert.equal(a2.posted.status, "confirmed");
    assert.equal(BigInt(a2.nonce), jump.nonce + 1n);
    assert.equal(await view("nonceOf"), jump.nonce + 1n);
    assert.equal(await view("tokensOf"), BigInt(a2.tokens));

    const store = await EmbeddedStore.open(join(dir, "service", "ipfs"));
    try {
      const manifest = await readManifest(store, String(cidFromHex(a2.manifestCid)));
      assert.equal(manifest.contributorSequence, 1);
      assert.equal(manifest.nonce, Number(jump.nonce + 1n));
      assert.equal(manifestNonce(manifest), BigInt(a2.nonce));

      const report = await auditSplitter(chain.publicClient, { splitter, store });
      const manifests = report.checks.find((c) => c.id === "manifests")!;
      const nonceFindings = manifests.findings.filter((f) => f.code === "manifests.nonce_mismatch");
      // Only the captured committee's attestation is named: it claims manifest 1 with another nonce.
      assert.equal(nonceFindings.length, 1, JSON.stringify(manifests.findings));
      assert.match(nonceFindings[0]!.message, new RegExp(`attested with nonce ${jump.nonce}\\.`));
      assert.ok(!manifests.findings.some((f) => f.code === "manifests.chain_behind" || f.code === "manifests.chain_broken"), JSON.stringify(manifests.findings));
    } finally {
      await store.close();
    }
  });
});
