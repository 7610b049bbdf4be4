// The oracle end to end on a real chain: a program deployed through the factory, the service with
// the program sink, a contributor who signs in and uploads; the tokens on chain equal the report's
// count, the manifest is reachable by CID, only ciphertext is stored, and a consumer can read it.
// The oracle reads and posts through a public endpoint's limits (bounded getLogs, a rate limit,
// injected 429 and 503); the test's own checks read the chain directly.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createPublicClient, createWalletClient, getAddress, type Address, type PublicClient } from "viem";
import { hardhat } from "viem/chains";
import { AttemptLog, Relayer } from "../attest/index.ts";
import { startTestChain, testAccounts, type TestChain } from "../attest/testing/chain.ts";
import { decryptStream, encodePublicKey, generateReaderKey, openKeyEnvelope, readerKeyFromWallet } from "../crypto/index.ts";
import { verifyContribution } from "../protocol/contribution.ts";
import { envelopeOf, submissionKeyContext, validateManifest, type Manifest } from "../manifest/index.ts";
import { revenueSplitterAbi } from "../protocol/abi.ts";
import { rpcTransport } from "../protocol/rpc-transport.ts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { EmbeddedStore, getJson } from "../store/index.ts";
import { committeeReaderKey } from "../attest/index.ts";
import { ProgramSink } from "./program-sink.ts";
import { datasetJsonl, followEvents, getJson as getHttpJson, signIn, startService, upload, type TestService } from "./testing.ts";

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

describe("the oracle on a chain", () => {
  let chain: TestChain;
  let workers: PipelineWorkers;
  let svc: TestService;
  let splitter: Address;
  const [signer, relayerKey, contributor] = testAccounts(3, 4242);
  const consumer = generateReaderKey();
  const auditor = generateReaderKey();
  const data = datasetJsonl(11);
  /** The contributor's key as the dApp derives it: from a wallet signature over readerKeyMessage. */
  const contributorKey = () => readerKeyFromWallet(contributor, { chainId: hardhat.id, program: splitter });

  before(async () => {
    // A tenth of the requests refused (429 or 503): this file makes few.
    chain = await startTestChain({ publicRpc: { failureRate: 0.1 } });
    splitter = await chain.deployProgram([signer.address], 1);
    await chain.fund(relayerKey.address);
    workers = await PipelineWorkers.start({}, 1);
    const client = createWalletClient({ chain: hardhat, transport: chain.transport(), account: relayerKey });
    logDir = mkdtempSync(join(tmpdir(), "1tt-relayer-"));
    const relayer = await Relayer.create({ client, splitter, log: AttemptLog.open(join(logDir, "relayer.db")), pollingIntervalMs: 25 });
    svc = await startService(workers, { SPLITTER_ADDRESS: splitter }, {
      sink: (store) =>
        new ProgramSink({
          store,
          chainId: hardhat.id,
          splitter,
          client: createPublicClient({ chain: hardhat, transport: rpcTransport(chain.front.url, { retryDelay: 50 }) }) as PublicClient,
          signers: [signer],
          relayer,
          consumers: [encodePublicKey(consumer.publicKey)],
          auditors: [encodePublicKey(auditor.publicKey)],
          attestationTtlSeconds: 3600,
        }),
    });
  });
  let logDir = "";
  after(async () => {
    rmSync(logDir, { recursive: true, force: true });
    await svc?.close();
    await workers?.close();
    await chain?.close();
  });

  it("attests the contributor's accepted tokens on chain, from a manifest anyone can fetch by CID", async () => {
    const alice = await signIn(svc.url, contributor, { readerKey: await contributorKey() });
    const res = await upload(svc.url, alice, [{ name: "essays.jsonl", data }]);
    assert.equal(res.status, 202);
    const { job } = (await res.json()) as { job: { id: string } };
    const done = (await followEvents(svc.url, alice, job.id)).at(-1)!;
    assert.equal(done.data.state, "accepted", JSON.stringify(done.data.error));
    const result = done.data.result;
    const report = (await getHttpJson(svc.url, alice, `/jobs/${job.id}/report`)).body;
    assert.equal(result.tokens.out, report.tokens.out);

    // The manifest, public and by CID, matches the report and chains to nothing (first submission).
    const published = await getHttpJson(svc.url, null, `/manifests/${result.manifestCid}`);
    assert.equal(published.status, 200);
    const manifest: Manifest = validateManifest(published.body);
    assert.equal(getAddress(manifest.contributor), contributor.address);
    assert.equal(manifest.tokens.cumulative, report.tokens.out);
    assert.equal(manifest.previous, null);
    assert.equal(manifest.data.encryption?.scheme, "1tt/stream@1");
    // It carries the contributor's signature of exactly the raw files it commits to, for this program.
    assert.ok(manifest.contribution, "the manifest carries the contribution signature");
    const signedFiles = manifest.data.raw.map((f) => ({ sha256: f.plaintextSha256, bytes: f.plaintextBytes }));
    assert.equal(await verifyContribution({ program: { chainId: hardhat.id, splitter }, contributor: contributor.address, files: signedFiles, proof: manifest.contribution }), true);

    // The oracle signed the attestation and its relayer posted it.
    const a = result.attestation;
    assert.equal(a.tokens, String(report.tokens.out));
    assert.equal(a.posted.status, "confirmed");
    const onChain = await chain.publicClient.readContract({ address: splitter, abi: revenueSplitterAbi, functionName: "tokensOf", args: [contributor.address] });
    assert.equal(onChain, BigInt(report.tokens.out));

    // Nothing but ciphertext reached the content store: no sentence of the upload is in any block.
    const needle = Buffer.from(JSON.parse(data.split("\n")[0]).text.slice(0, 60));
    for (const path of files(join(svc.dir, "ipfs"))) assert.equal(readFileSync(path).includes(needle), false, `plaintext in ${path}`);

    // Every reader — the contributor (wallet-derived key), the consumer, the auditor, the committee
    // member — opens the key envelope and reads the filtered data; the commitment holds.
    const store = await EmbeddedStore.open(join(svc.dir, "ipfs"));
    try {
      const envelope = await getJson(store, manifest.data.encryption!.keys);
      const member = await committeeReaderKey(signer, hardhat.id, splitter);
      const readers = { contributor: await contributorKey(), consumer, auditor, committee: member };
      assert.deepEqual((envelope as { readers: { role: string }[] }).readers.map((r) => r.role).sort(), Object.keys(readers).sort());
      for (const [role, key] of Object.entries(readers)) {
        const dataKey = openKeyEnvelope(envelope, key.privateKey, { context: submissionKeyContext({ chainId: hardhat.id, splitter, sequence: manifest.sequence }) });
        const plain = decryptStream(store.get(manifest.data.filtered.cid), dataKey, { expectedSha256: manifest.data.filtered.plaintextSha256 });
        const chunks: Uint8Array[] = [];
        for await (const c of plain.plaintext) chunks.push(c);
        const lines = Buffer.concat(chunks).toString("utf8").trim().split("\n");
        assert.equal(lines.length, report.documents.out, role);
      }
      const other = generateReaderKey();
      assert.throws(() => openKeyEnvelope(envelope, other.privateKey), (e: Error & { code?: string }) => e.code === "not_a_reader");

      // The raw files and the report have their own data key: every reader but the consumer.
      const raw = envelopeOf(manifest, "raw")!;
      assert.notEqual(raw.cid, manifest.data.encryption!.keys);
      const privateEnvelope = await getJson(store, raw.cid);
      assert.deepEqual((privateEnvelope as { readers: { role: string }[] }).readers.map((r) => r.role).sort(), ["auditor", "committee", "contributor"]);
      for (const [role, key] of Object.entries(readers)) {
        if (role === "consumer") {
          assert.throws(() => openKeyEnvelope(privateEnvelope, key.privateKey, { context: raw.context }), (e: Error & { code?: string }) => e.code === "not_a_reader");
          continue;
        }
        const dataKey = openKeyEnvelope(privateEnvelope, key.privateKey, { context: raw.context });
        const chunks: Uint8Array[] = [];
        for await (const c of decryptStream(store.get(manifest.data.raw[0].cid), dataKey, { expectedSha256: manifest.data.raw[0].plaintextSha256 }).plaintext) chunks.push(c);
        assert.equal(Buffer.concat(chunks).toString("utf8"), data, role);
      }
      // Neither envelope opens as the other: each is bound to its own context.
      assert.throws(() => openKeyEnvelope(privateEnvelope, auditor.privateKey, { context: envelopeOf(manifest, "filtered")!.context }), (e: Error & { code?: string }) => e.code === "context_mismatch");
    } finally {
      await store.close();
    }
  });

  it("chains a second submission to the first and raises the cumulative count", async () => {
    const alice = await signIn(svc.url, contributor, { readerKey: await contributorKey() });
    const more = datasetJsonl(12);
    const res = await upload(svc.url, alice, [{ name: "more.jsonl", data: more }]);
    const { job } = (await res.json()) as { job: { id: string } };
    const done = (await followEvents(svc.url, alice, job.id)).at(-1)!;
    assert.equal(done.data.state, "accepted", JSON.stringify(done.data.error));
    const manifest = validateManifest((await getHttpJson(svc.url, null, `/manifests/${done.data.result.manifestCid}`)).body);
    assert.equal(manifest.contributorSequence, 1);
    assert.ok(manifest.previous);
    assert.equal(manifest.tokens.cumulative, manifest.tokens.added + Number((await getHttpJson(svc.url, null, `/manifests/${manifest.previous}`)).body.tokens.cumulative));
    assert.equal(done.data.result.attestation.nonce, "2");
    const onChain = await chain.publicClient.readContract({ address: splitter, abi: revenueSplitterAbi, functionName: "tokensOf", args: [contributor.address] });
    assert.equal(onChain, BigInt(manifest.tokens.cumulative));
  });

  it("read and posted every attestation through the public endpoint's limits, meeting its refusals", () => {
    const tally = chain.publicRpc!.tally;
    assert.ok(tally.forwarded > 0 && tally.injected429 + tally.injected503 > 0, JSON.stringify(tally));
  });
});
