// Several RPC URLs: with the first of two public endpoints down, the oracle (RPC_URL) still
// attests a contribution and the audit (--rpc) still checks the program, both moving on to the
// second endpoint for every request.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { ChildProcess } from "node:child_process";
import type { Address } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { startTestChain, testAccounts, type TestChain } from "../attest/testing/chain.ts";
import { runAuditCli } from "../audit/testing/cli.ts";
import { revenueSplitterAbi } from "../protocol/abi.ts";
import { datasetJsonl, followEvents, signIn, startMain, stopMain, testEnv, upload } from "../service/testing.ts";
import { PublicRpcProxy } from "./public-rpc-proxy.ts";

describe("two RPC URLs, the first one down", () => {
  let chain: TestChain;
  let live: PublicRpcProxy;
  let deadUrl = "";
  let splitter: Address;
  let oracle: { child: ChildProcess; url: string; output: () => string } | null = null;
  let dir = "";
  const signerKey = generatePrivateKey();
  const signer = privateKeyToAccount(signerKey);
  const [contributor] = testAccounts(1, 9191);

  before(async () => {
    chain = await startTestChain();
    live = await PublicRpcProxy.start(chain.provider);
    const dead = await PublicRpcProxy.start(chain.provider);
    deadUrl = dead.url;
    await dead.close(); // its port now refuses connections
    splitter = await chain.deployProgram([signer.address], 1);
    await chain.fund(signer.address);
    dir = mkdtempSync(join(tmpdir(), "1tt-several-rpc-"));
  });
  after(async () => {
    await stopMain(oracle);
    await live?.close();
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the oracle attests an upload on chain, reading and posting through the second URL", { timeout: 120_000 }, async () => {
    oracle = await startMain(testEnv(dir, { ORACLE_PORT: "0", ORACLE_LOG_LEVEL: "info", RPC_URL: `${deadUrl}, ${live.url}`, SPLITTER_ADDRESS: splitter, ORACLE_SIGNER_PRIVATE_KEY: signerKey }));
    const who = await signIn(oracle.url, contributor);
    const res = await upload(oracle.url, who, [{ name: "essays.jsonl", data: datasetJsonl(19) }]);
    assert.equal(res.status, 202);
    const { job } = (await res.json()) as { job: { id: string } };
    const done = (await followEvents(oracle.url, who, job.id)).at(-1)!.data;
    assert.equal(done.state, "accepted", JSON.stringify(done.error) + oracle.output());
    assert.equal(done.result.attestation.posted.status, "confirmed");
    const tokens = await chain.publicClient.readContract({ address: splitter, abi: revenueSplitterAbi, functionName: "tokensOf", args: [contributor!.address] });
    assert.equal(tokens, BigInt(done.result.cumulativeTokens));
    assert.ok(tokens > 0n);
    assert.ok(live.tally.forwarded > 0);
  });

  it("the audit checks the program through the second URL", { timeout: 120_000 }, async () => {
    assert.ok(oracle, "the oracle of the previous test");
    const audit = await runAuditCli(["--rpc", `${deadUrl},${live.url}`, "--splitter", splitter, "--gateway", oracle.url, "--no-progress"]);
    assert.equal(audit.code, 3, audit.stdout + audit.stderr);
    assert.match(audit.stdout, /1\. state\s+PASS/);
    assert.match(audit.stdout, /2\. attestations\s+PASS\s+attestations 1, signaturesVerified 1/);
    assert.match(audit.stdout, /6\. data\s+PASS/);
    assert.match(audit.stdout, /5\. manifests\s+PASS/);
    assert.match(audit.stdout, /RESULT: No check failed, but counts not verified: no view key/);
  });

  it("an RPC_URL list with something other than an http(s) URL in it stops the oracle with the entry at fault", async () => {
    const bad = await startMain(testEnv(join(dir, "bad"), { ORACLE_PORT: "0", RPC_URL: `${live.url},ws://127.0.0.1:1` })).then(
      () => assert.fail("the oracle started"),
      (e: Error) => e,
    );
    assert.match(String(bad.message), /RPC_URL=.*"ws:\/\/127\.0\.0\.1:1" is not an http\(s\) URL/);
  });
});
