// The oracle reads a program's reader keys from the chain's ReaderKeyRegistry (READER_REGISTRY_ADDRESS,
// wired by programSinkFromEnv as `npm run oracle` does): the consumer and auditor keys the owner
// published, the key each committee member published beside its signer address (a member with no
// ETH publishes by signature, relayed), added to the keys of the environment; a key replaced on
// chain applies to the next submission without restarting the oracle.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createWalletClient, custom, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { memberReaderKeySignature, readProgramReaders } from "../attest/index.ts";
import { startTestChain, type TestChain } from "../attest/testing/chain.ts";
import { encodePublicKey, generateReaderKey, openKeyEnvelope, parseKeyEnvelope, type KeyEnvelope, type ReaderKeyPair } from "../crypto/index.ts";
import { readerKeyRegistryAbi } from "../protocol/abi.ts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { loadConfig } from "./config.ts";
import { committeeReaderKey } from "../attest/index.ts";
import { programSinkFromEnv } from "./program-from-env.ts";
import { datasetJsonl, followEvents, getJson, signIn, startService, testEnv, upload, type TestService } from "./testing.ts";

const hex = (k: ReaderKeyPair) => encodePublicKey(k.publicKey);
/** Test keys used nowhere else (the oracle's environment takes them as hex). */
const privateKeys = Array.from({ length: 5 }, (_, i) => `0x${(6161n * 1_000_003n + BigInt(i + 1)).toString(16).padStart(64, "0")}` as Hex);

describe("reader keys from the ReaderKeyRegistry", () => {
  let chain: TestChain;
  let workers: PipelineWorkers;
  let svc: TestService;
  let splitter: Address;
  let registry: Address;
  let owner: ReturnType<typeof createWalletClient>;
  let env: Record<string, string>;
  const [leader, member, relayerKey, contributor, other] = privateKeys.map((k) => privateKeyToAccount(k));
  const consumerEnv = generateReaderKey();
  const consumerChain = generateReaderKey();
  const consumerRotated = generateReaderKey();
  const auditor = generateReaderKey();
  const leaderPublished = generateReaderKey();
  const memberPublished = generateReaderKey();

  const setProgramReaders = async (consumers: Hex[], auditors: Hex[]) => {
    const hash = await owner.writeContract({ address: registry, abi: readerKeyRegistryAbi, functionName: "setProgramReaders", args: [splitter, consumers, auditors], chain: hardhat, account: chain.deployer });
    assert.equal((await chain.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 })).status, "success");
  };
  /** `who` signs its publication; the deployer relays it (the member holds no ETH). */
  const publishMemberKey = async (who: typeof member, key: ReaderKeyPair | Hex) => {
    const nonce = await chain.publicClient.readContract({ address: registry, abi: readerKeyRegistryAbi, functionName: "nonces", args: [who.address] });
    const message = { program: splitter, signer: who.address, key: typeof key === "string" ? key : hex(key), nonce, deadline: BigInt(Math.floor(Date.now() / 1000) + 600) };
    const signature = await memberReaderKeySignature(who, hardhat.id, registry, message);
    const hash = await owner.writeContract({
      address: registry,
      abi: readerKeyRegistryAbi,
      functionName: "setMemberReaderKeyBySig",
      args: [message.program, message.signer, message.key, message.nonce, message.deadline, signature],
      chain: hardhat,
      account: chain.deployer,
    });
    assert.equal((await chain.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 })).status, "success");
  };
  /** Uploads a dataset and returns the submission's key envelope, read back from the oracle's /ipfs. */
  const submit = async (seed: number): Promise<{ envelope: KeyEnvelope; state: string; error?: { message: string } }> => {
    const who = await signIn(svc.url, contributor);
    const res = await upload(svc.url, who, [{ name: `part-${seed}.jsonl`, data: datasetJsonl(seed) }]);
    const { job } = (await res.json()) as { job: { id: string } };
    const done = (await followEvents(svc.url, who, job.id)).at(-1)!;
    if (done.data.state !== "accepted") return { envelope: null as never, state: done.data.state, error: done.data.error };
    const manifest = (await getJson(svc.url, null, `/manifests/${done.data.result.manifestCid}`)).body;
    const envelope = parseKeyEnvelope(await (await fetch(`${svc.url}/ipfs/${manifest.data.encryption.keys}`)).json());
    return { envelope, state: done.data.state };
  };
  const listed = (e: KeyEnvelope) => e.readers.map((r) => `${r.role}:${r.id?.toLowerCase() ?? ""}:${r.publicKey}`).sort();

  before(async () => {
    chain = await startTestChain();
    splitter = await chain.deployProgram([leader.address, member.address], 1);
    registry = await chain.readerRegistry();
    owner = createWalletClient({ chain: hardhat, transport: custom(chain.provider) });
    await chain.fund(relayerKey.address);
    workers = await PipelineWorkers.start({}, 1);
    const dir = mkdtempSync(join(tmpdir(), "1tt-registry-"));
    env = {
      SPLITTER_ADDRESS: splitter,
      RPC_URL: chain.front.url,
      READER_REGISTRY_ADDRESS: registry,
      ORACLE_SIGNER_PRIVATE_KEY: privateKeys[0]!,
      ORACLE_RELAYER_PRIVATE_KEY: privateKeys[2]!,
      ORACLE_CONSUMER_READER_KEYS: hex(consumerEnv),
    };
    const config = loadConfig(testEnv(dir, env));
    mkdirSync(config.dataDir, { recursive: true });
    const program = await programSinkFromEnv(config, testEnv(dir, env));
    svc = await startService(workers, env, { sink: program.sink }, dir);
  });
  after(async () => {
    await svc?.close();
    await workers?.close();
    await chain?.close();
  });

  it("wraps each submission for the keys published on chain and those of the environment", async () => {
    await setProgramReaders([hex(consumerChain)], [hex(auditor)]);
    await publishMemberKey(member, memberPublished);
    assert.deepEqual(await readProgramReaders(chain.publicClient, registry, splitter), {
      consumers: [hex(consumerChain)],
      auditors: [hex(auditor)],
      members: [{ signer: leader.address, key: null }, { signer: member.address, key: hex(memberPublished) }],
    });
    const { envelope, state } = await submit(31);
    assert.equal(state, "accepted");
    const derived = await committeeReaderKey(leader, hardhat.id, splitter);
    const expected = [
      `committee:${leader.address.toLowerCase()}:${hex(derived)}`,
      `committee:${member.address.toLowerCase()}:${hex(memberPublished)}`,
      `consumer::${hex(consumerEnv)}`,
      `consumer::${hex(consumerChain)}`,
      `auditor::${hex(auditor)}`,
    ];
    assert.deepEqual(listed(envelope).filter((r) => !r.startsWith("contributor")), expected.sort());
    for (const key of [derived, memberPublished, consumerEnv, consumerChain, auditor]) assert.equal(openKeyEnvelope(envelope, key.privateKey).length, 32);
  });

  it("applies keys replaced on chain to the next submission, without a restart", async () => {
    await setProgramReaders([hex(consumerRotated)], []);
    await publishMemberKey(leader, leaderPublished); // the leader's own published key replaces its derived one
    const { envelope } = await submit(32);
    assert.deepEqual(listed(envelope).filter((r) => !r.startsWith("contributor")), [
      `committee:${leader.address.toLowerCase()}:${hex(leaderPublished)}`,
      `committee:${member.address.toLowerCase()}:${hex(memberPublished)}`,
      `consumer::${hex(consumerEnv)}`,
      `consumer::${hex(consumerRotated)}`,
    ].sort());
    assert.throws(() => openKeyEnvelope(envelope, consumerChain.privateKey), (e: Error & { code?: string }) => e.code === "not_a_reader");
    assert.throws(() => openKeyEnvelope(envelope, auditor.privateKey), (e: Error & { code?: string }) => e.code === "not_a_reader");
  });

  it("ignores the key of a signer that is not in the committee, and a member's key that cannot receive a wrapped key", async () => {
    const stranger = generateReaderKey();
    await publishMemberKey(other, stranger);
    // u = 1 is a low-order X25519 point: the registry takes any non-zero bytes, the oracle does not wrap for it.
    await publishMemberKey(member, `0x01${"00".repeat(31)}`);
    const { envelope } = await submit(33);
    const rows = listed(envelope);
    assert.ok(!rows.some((r) => r.includes(other.address.toLowerCase())), "a non-member is not a reader");
    assert.ok(!rows.some((r) => r.includes(member.address.toLowerCase())), "a member whose published key is unusable (and that is neither local nor a co-signer) is left out");
    await publishMemberKey(member, memberPublished);
  });

  it("refuses to seal while a published consumer key cannot receive a wrapped key", async () => {
    const lowOrder = `0x01${"00".repeat(31)}` as Hex;
    await setProgramReaders([lowOrder], []);
    const { state, error } = await submit(34);
    assert.equal(state, "failed");
    assert.match(error!.message, /consumer reader key 0x01(00){31} published in the reader key registry cannot receive a wrapped key/);
    await setProgramReaders([hex(consumerRotated)], []);
    assert.equal((await submit(35)).state, "accepted");
  });

  it("checks READER_REGISTRY_ADDRESS at start-up", async () => {
    const dir = mkdtempSync(join(tmpdir(), "1tt-registry-bad-"));
    try {
      const config = loadConfig(testEnv(dir, env));
      mkdirSync(config.dataDir, { recursive: true });
      await assert.rejects(programSinkFromEnv(config, testEnv(dir, { ...env, READER_REGISTRY_ADDRESS: "0x1234" })), /READER_REGISTRY_ADDRESS must be the 0x address/);
      await assert.rejects(programSinkFromEnv(config, testEnv(dir, { ...env, READER_REGISTRY_ADDRESS: splitter })), /READER_REGISTRY_ADDRESS 0x[0-9a-fA-F]{40}: the program's reader keys cannot be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
