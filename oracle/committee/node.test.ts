// A 2-of-3 committee of independent members (in one process; committee.test.ts runs them as processes): the oracle that runs the service signs with its key;
// two others each re-run the pipeline on the submission's data from IPFS and sign only what they
// computed themselves. One of them runs another pipeline configuration and refuses. The honest one
// reads with a random reader key it published in the ReaderKeyRegistry (by a relayed signature):
// the leader takes it from the registry and never asks the member for it.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createWalletClient, custom, type Address } from "viem";
import { hardhat } from "viem/chains";
import { AttemptLog, memberReaderKeySignature, readProgramReaders, Relayer } from "../attest/index.ts";
import { startTestChain, testAccounts, type TestChain } from "../attest/testing/chain.ts";
import { encodePublicKey, generateReaderKey } from "../crypto/index.ts";
import { readerKeyRegistryAbi, revenueSplitterAbi } from "../protocol/abi.ts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { datasetJsonl, followEvents, ProgramSink, signIn, startService, upload, type TestService } from "../service/testing.ts";
import type { PipelineConfig } from "../pipeline/config.ts";
import { CommitteeNode, CosignRefusedError } from "./node.ts";

describe("a committee of independent members", () => {
  let chain: TestChain;
  let workers: PipelineWorkers;
  let svc: TestService;
  let splitter: Address;
  let logDir = "";
  const memberWorkers: PipelineWorkers[] = [];
  const configs: PipelineConfig[] = [{}, { tokenizer: { encoding: "cl100k_base" } }];
  const cosigners: CommitteeNode[] = [];
  const [leader, honest, other, relayerKey, contributor] = testAccounts(5, 5151);
  const honestReaderKey = generateReaderKey();

  before(async () => {
    chain = await startTestChain();
    splitter = await chain.deployProgram([leader.address, honest.address, other.address], 2);
    await chain.fund(relayerKey.address);
    const registry = await chain.readerRegistry();
    const message = { program: splitter, signer: honest.address, key: encodePublicKey(honestReaderKey.publicKey), nonce: 0n, deadline: 2n ** 40n };
    const published = await createWalletClient({ chain: hardhat, transport: custom(chain.provider), account: relayerKey }).writeContract({
      address: registry,
      abi: readerKeyRegistryAbi,
      functionName: "setMemberReaderKeyBySig",
      args: [message.program, message.signer, message.key, message.nonce, message.deadline, await memberReaderKeySignature(honest, hardhat.id, registry, message)],
    });
    await chain.publicClient.waitForTransactionReceipt({ hash: published, pollingInterval: 25 });
    workers = await PipelineWorkers.start({}, 1);
    for (const config of configs) memberWorkers.push(await PipelineWorkers.start(config, 1));
    logDir = mkdtempSync(join(tmpdir(), "1tt-committee-"));
    const relayer = await Relayer.create({
      client: createWalletClient({ chain: hardhat, transport: custom(chain.provider), account: relayerKey }),
      splitter,
      log: AttemptLog.open(join(logDir, "relayer.db")),
      pollingIntervalMs: 25,
    });
    svc = await startService(workers, { SPLITTER_ADDRESS: splitter }, {
      sink: (store) => {
        for (const [i, signer] of [honest, other].entries()) {
          const readerKey = signer === honest ? honestReaderKey : undefined;
          cosigners.push(
            CommitteeNode.open({
              signer, chainId: hardhat.id, splitter, client: chain.publicClient, store, pipelineConfig: configs[i]!, workers: memberWorkers[i]!,
              stateDir: join(logDir, `member-${i}`), maxTtlSeconds: 7200, readerKey,
            }),
          );
        }
        return new ProgramSink({
          store,
          chainId: hardhat.id,
          splitter,
          client: chain.publicClient,
          signers: [leader],
          relayer,
          consumers: [],
          auditors: [],
          attestationTtlSeconds: 3600,
          cosigners: cosigners.map((c) => ({
            address: c.address,
            // The honest member's key is in the registry: asking the member for it is an error here.
            readerPublicKey: c.address === honest.address ? () => Promise.reject(new Error("the published key should have been used")) : () => c.readerPublicKey(),
            cosign: (a) => c.cosign(a),
          })),
          publishedReaders: async () => readProgramReaders(chain.publicClient, await chain.readerRegistry(), splitter),
        });
      },
    });
  });
  after(async () => {
    await svc?.close();
    await workers?.close();
    for (const c of cosigners) await c.close();
    for (const w of memberWorkers) await w.close();
    await chain?.close();
    rmSync(logDir, { recursive: true, force: true });
  });

  it("lands an attestation signed by the leader and the member whose own replay agrees; the other refuses", async () => {
    const alice = await signIn(svc.url, contributor);
    for (const [n, seed] of [21, 22].entries()) {
      const res = await upload(svc.url, alice, [{ name: `part-${n}.jsonl`, data: datasetJsonl(seed) }]);
      const { job } = (await res.json()) as { job: { id: string } };
      const done = (await followEvents(svc.url, alice, job.id)).at(-1)!;
      assert.equal(done.data.state, "accepted", JSON.stringify(done.data.error));
      const a = done.data.result.attestation;
      assert.deepEqual([...a.signers].sort(), [leader.address, honest.address].sort());
      assert.equal(a.refusals.length, 1);
      assert.match(a.refusals[0], /pipeline/);
      assert.equal(a.posted.status, "confirmed");
      const onChain = await chain.publicClient.readContract({ address: splitter, abi: revenueSplitterAbi, functionName: "tokensOf", args: [contributor.address] });
      assert.equal(onChain, BigInt(a.tokens));
      assert.equal(done.data.result.cumulativeTokens, Number(a.tokens));
    }
  });

  it("refuses to sign a count it did not compute", async () => {
    const alice = await signIn(svc.url, contributor);
    const jobs = (await (await fetch(`${svc.url}/jobs`, { headers: alice.auth })).json()) as { jobs: { result: { attestation: Record<string, string> } }[] };
    const a = jobs.jobs[0].result.attestation;
    const inflated = { contributor: a.contributor as Address, tokens: BigInt(a.tokens) + 1n, nonce: BigInt(a.nonce), deadline: BigInt(a.deadline), manifestCid: a.manifestCid as `0x${string}` };
    await assert.rejects(cosigners[0].cosign(inflated), (e: Error) => e instanceof CosignRefusedError && /tokens/.test(e.message));
  });
});

