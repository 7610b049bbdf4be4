// The oracle with its content store on a real IPFS RPC server that no one here wrote (js-ipfs 0.66,
// started by scripts/kubo/test-kubo.ts; any node at IPFS_API_URL will do): a contributor's signed
// upload goes through the job to its attestation's receipt on a real chain, everything it stored
// is pinned on the node and served back by the oracle's gateway, and `1tt fetch --ipfs` gives the
// contributor their data back from the node alone.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { ChildProcess } from "node:child_process";
import type { Address } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { startTestChain, testAccounts, type TestChain } from "../../oracle/attest/testing/chain.ts";
import { runCli } from "../../oracle/audit/testing/cli.ts";
import { revenueSplitterAbi } from "../../oracle/protocol/abi.ts";
import { parseCid } from "../../oracle/store/cid.ts";
import { KuboStore } from "../../oracle/store/kubo/kubo-store.ts";
import { datasetJsonl, followEvents, getJson, signIn, startMain, stopMain, testEnv, upload, type SignedIn } from "../../oracle/service/testing.ts";

const api = process.env.IPFS_API_URL;
if (!api) throw new Error("IPFS_API_URL is not set: run `npm run test:kubo`, which starts a node and sets it");

describe(`the oracle with its content store on the IPFS node at ${api}`, () => {
  let chain: TestChain;
  let splitter: Address;
  let oracle: { child: ChildProcess; url: string; output: () => string };
  let who: SignedIn;
  let done: { state: string; error?: unknown; result: { manifestCid: string; cumulativeTokens: number; attestation: { posted: { status?: string; transactionHash?: string } | null } } };
  let dir = "";
  const signerKey = generatePrivateKey();
  const [contributor] = testAccounts(1, 4711);
  const data = datasetJsonl(47);

  before(async () => {
    chain = await startTestChain();
    const signer = privateKeyToAccount(signerKey);
    splitter = await chain.deployProgram([signer.address], 1);
    await chain.fund(signer.address);
    dir = mkdtempSync(join(tmpdir(), "1tt-kubo-oracle-"));
    oracle = await startMain(testEnv(dir, { ORACLE_PORT: "0", ORACLE_LOG_LEVEL: "info", IPFS_API_URL: api, RPC_URL: chain.front.url, SPLITTER_ADDRESS: splitter, ORACLE_SIGNER_PRIVATE_KEY: signerKey }));
  });
  after(async () => {
    await stopMain(oracle);
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("takes a signed upload through the job to its attestation's receipt; the tokens on chain equal the report's", { timeout: 180_000 }, async () => {
    who = await signIn(oracle.url, contributor);
    const res = await upload(oracle.url, who, [{ name: "essays.jsonl", data }]);
    assert.equal(res.status, 202, await res.clone().text());
    const { job } = (await res.json()) as { job: { id: string } };
    done = (await followEvents(oracle.url, who, job.id)).at(-1)!.data;
    assert.equal(done.state, "accepted", `${JSON.stringify(done.error)}\n${oracle.output()}`);
    assert.equal(done.result.attestation.posted?.status, "confirmed");
    const tokens = await chain.publicClient.readContract({ address: splitter, abi: revenueSplitterAbi, functionName: "tokensOf", args: [contributor!.address] });
    assert.equal(tokens, BigInt(done.result.cumulativeTokens));
    assert.ok(tokens > 0n);
  });

  it("pinned the manifest and every file it names on the node, and serves each back at /ipfs/<cid>", async () => {
    const manifest = (await getJson(oracle.url, null, `/manifests/${done.result.manifestCid}`)).body;
    const cids = [done.result.manifestCid, manifest.data.filtered.cid, manifest.data.report.cid, manifest.data.encryption.keys, ...(manifest.data.encryption.privateKeys ? [manifest.data.encryption.privateKeys] : []), ...manifest.data.raw.map((r: { cid: string }) => r.cid)];
    const node = new KuboStore(api, { lookupTimeoutMs: 5_000 });
    try {
      for (const cid of cids) assert.equal(await node.isPinned(cid), true, `${cid} is pinned on the node`);
    } finally {
      await node.close();
    }
    // The difference from Kubo met here: js-ipfs prints pin/ls's CIDs in base58btc (z…) by default,
    // Kubo prints a CIDv1 in base32 (bafy…, bafk…). The store compares parsed CIDs, never their text.
    const listed = await fetch(`${api}/api/v0/pin/ls?arg=${done.result.manifestCid}&type=recursive&stream=true`, { method: "POST" });
    const { Cid: text } = JSON.parse((await listed.text()).split("\n")[0]!) as { Cid: string };
    assert.ok(parseCid(text).equals(parseCid(done.result.manifestCid)), `pin/ls answered ${text}`);
    if (text !== done.result.manifestCid) assert.match(text, /^z/, "js-ipfs's base58btc");
    for (const cid of cids) {
      // js-ipfs ignores files/stat's with-local: the store answers has() from pin/ls instead, so
      // the oracle's gateway finds what it stored (it answered 404 for everything before).
      const served = await fetch(`${oracle.url}/ipfs/${cid}`);
      assert.equal(served.status, 200, `GET /ipfs/${cid}`);
      await served.arrayBuffer();
    }
  });

  it("1tt fetch --ipfs gives the contributor their filtered data back from the node, verified against the manifest", { timeout: 120_000 }, async () => {
    const key = join(dir, "contributor.hex");
    writeFileSync(key, `${Buffer.from(who.readerKey!.privateKey).toString("hex")}\n`);
    const out = join(dir, "fetched");
    const r = await runCli("fetch", [done.result.manifestCid, "--ipfs", api, "--key", key, "--out", out, "--no-progress"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const filtered = readFileSync(join(out, "filtered.jsonl"));
    const sha = createHash("sha256").update(filtered).digest("hex");
    assert.match(r.stdout, new RegExp(`filtered\\.jsonl  ${filtered.byteLength} bytes  sha256 ${sha} verified`));
    assert.match(r.stderr, /reads it as contributor/);
    assert.ok(filtered.toString("utf8").split("\n").filter(Boolean).length > 0, "the accepted documents");
  });
});
