// An oracle restarted while an attestation's transaction waits in the mempool answers at once
// (health, sign-in, uploads) and finishes the attestation in the background once it is mined,
// reading the chain through a public endpoint's limits (bounded getLogs, a rate limit, 429 and 503).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { startTestChain, testAccounts } from "../attest/testing/chain.ts";
import { datasetJsonl, exited, followEvents, getJson, signIn, startMain, testEnv, upload } from "./testing.ts";

const keyOf = (salt: number, i: number) => `0x${(BigInt(salt) * 1_000_003n + BigInt(i + 1)).toString(16).padStart(64, "0")}`;

describe("a pending attestation at start", () => {
  it("listens before the relayer has finished the attestation a kill -9 left in the mempool", { timeout: 120_000 }, async () => {
    const chain = await startTestChain({ publicRpc: {} });
    const dir = mkdtempSync(join(tmpdir(), "1tt-pending-"));
    const [signer, relayer] = testAccounts(2, 777);
    let child: Awaited<ReturnType<typeof startMain>>["child"] | null = null;
    try {
      const splitter = await chain.deployProgram([signer.address], 1);
      await chain.fund(relayer.address);
      const env = testEnv(dir, {
        ORACLE_PORT: "0", ORACLE_LOG_LEVEL: "info", SPLITTER_ADDRESS: splitter, RPC_URL: chain.front.url,
        ORACLE_SIGNER_PRIVATE_KEY: keyOf(777, 0), ORACLE_RELAYER_PRIVATE_KEY: keyOf(777, 1),
      });
      const first = await startMain(env);
      child = first.child;
      await chain.request("evm_setAutomine", [false]);
      const who = await signIn(first.url);
      const res = await upload(first.url, who, [{ name: "a.jsonl", data: datasetJsonl(21) }]);
      const { job } = (await res.json()) as { job: { id: string } };
      // Wait until the attestation's transaction is in the mempool, then kill the oracle.
      for (let i = 0; i < 600; i++) {
        const pending = (await chain.request("eth_getBlockByNumber", ["pending", false])) as { transactions: string[] } | null;
        if ((pending?.transactions.length ?? 0) > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      first.child.kill("SIGKILL");
      await exited(first.child);

      const restartedAt = Date.now();
      const second = await startMain(env);
      child = second.child;
      const health = await fetch(`${second.url}/health`);
      assert.equal(health.status, 200);
      assert.ok(Date.now() - restartedAt < 60_000, `listening after ${Date.now() - restartedAt} ms`);
      assert.equal((await getJson(second.url, who, `/jobs/${job.id}`)).body.state, "processing", "the attestation is still pending");

      await chain.request("evm_setAutomine", [true]);
      await chain.request("evm_mine", []);
      const done = (await followEvents(second.url, who, job.id)).at(-1)!.data;
      assert.equal(done.state, "accepted", JSON.stringify(done.error));
    } finally {
      child?.kill("SIGKILL");
      await chain.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
