// A 2-of-3 committee as three OS processes, each with its own state folder and port: the leader
// (the oracle service contributors upload to) and two members (`1tt node`) that read submissions
// through the leader's /ipfs gateway, replay them with their own pipeline and key, and co-sign
// only what they computed. The chain is Hardhat's, reached by every process over HTTP. As root,
// each process is a host of its own (a network namespace joined to the test's by veth and a
// bridge), so every request between them crosses a network interface; otherwise loopback.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { toHex, type Address } from "viem";
import { startTestChain, testAccounts, type TestChain } from "../attest/testing/chain.ts";
import { auditSplitter } from "../audit/index.ts";
import { revenueSplitterAbi } from "../protocol/abi.ts";
import { COSIGN_REQUEST, type CommitteeView, type CosignRequest, type MemberStatus } from "../protocol/committee-api.ts";
import { readerKeyFromWallet } from "../crypto/index.ts";
import { oracleProgram, signedUploadForm, signInWithWallet, uploadAndWait, type OracleAuth } from "../protocol/oracle-client.ts";
import { datasetJsonl } from "../service/testing.ts";
import { GatewayStore } from "../store/gateway.ts";
import { signEnvelope } from "./envelope.ts";
import { MemberClient } from "./member-client.ts";
import { CosignRefusedError } from "./node.ts";
import { createHosts, type Hosts } from "./netns.ts";
import { freePort, leaderEnv, startLeaderProcess, startMemberProcess, type Running } from "./testing.ts";

const keyOf = (salt: number, i: number) => toHex(BigInt(salt) * 1_000_003n + BigInt(i + 1), { size: 32 });

describe("a 2-of-3 committee of three processes", { timeout: 600_000 }, () => {
  const SALT = 7171;
  const [leader, first, second, contributor] = testAccounts(4, SALT);
  let chain: TestChain;
  let splitter: Address;
  let dir = "";
  let leaderProcess: Running;
  const members: (Running | null)[] = [null, null];
  let auth: OracleAuth;
  let seed = 100;

  let hosts: Hosts | null = null;
  let rpc = "";
  /** Where node n (0 the leader, 1 and 2 the members) listens, and in which namespace it runs. */
  const host = (n: number) => hosts?.addresses[n] ?? "127.0.0.1";
  const member = (i: 0 | 1, extra: { state?: string; pipelineConfig?: string } = {}) =>
    startMemberProcess({
      privateKey: keyOf(SALT, i + 1), rpc, splitter, state: extra.state ?? join(dir, `member-${i}`), gateway: leaderUrl,
      host: host(i + 1), port: ports[i]!, netns: hosts?.namespaces[i + 1], pipelineConfig: extra.pipelineConfig,
    });
  const ports: number[] = [];
  let leaderUrl = "";
  const status = async (i: 0 | 1) => (await (await fetch(`${members[i]!.url}/status`)).json()) as MemberStatus;
  const submit = () => uploadAndWait(leaderUrl, auth, [{ name: `part-${seed}.jsonl`, data: datasetJsonl(seed++) }], { signer: contributor, timeoutMs: 120_000 });
  const onChain = (functionName: "tokensOf" | "nonceOf") => chain.publicClient.readContract({ address: splitter, abi: revenueSplitterAbi, functionName, args: [contributor.address] });

  before(async () => {
    // Leader and members read and post through a public endpoint's limits (429, 503, bounded getLogs).
    chain = await startTestChain({ publicRpc: {} });
    splitter = await chain.deployProgram([leader.address, first.address, second.address], 2);
    // The leader pays for posting; so does the member that takes its place in the last test.
    await chain.fund(leader.address);
    await chain.fund(first.address);
    dir = mkdtempSync(join(tmpdir(), "1tt-committee-processes-"));
    hosts = await createHosts(3);
    // In a namespace of its own every port is free; on loopback, ask the OS.
    const port = async () => (hosts ? 8790 : await freePort());
    rpc = hosts ? await hosts.expose(new URL(chain.front.url)) : chain.front.url;
    leaderUrl = `http://${host(0)}:${await port()}`;
    ports.push(await port(), await port());
    members[0] = await member(0);
    members[1] = await member(1);
    leaderProcess = await startLeaderProcess({
      ...leaderEnv({ dataDir: join(dir, "leader", "oracle"), storeDir: join(dir, "leader", "ipfs"), rpc, splitter, privateKey: keyOf(SALT, 0), members: { [first.address]: members[0].url, [second.address]: members[1].url } }),
      ORACLE_COMMITTEE_TIMEOUT_MS: "60000",
    }, Number(new URL(leaderUrl).port), host(0), hosts?.namespaces[0]);
    auth = await signInWithWallet(leaderUrl, contributor, { program: splitter, readerKey: readerKeyFromWallet });
    if (hosts) assert.deepEqual(members.map((m) => new URL(m!.url).hostname), hosts.addresses.slice(1));
  });
  after(async () => {
    for (const m of members) await m?.stop();
    await leaderProcess?.stop();
    await hosts?.close();
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lands every submission with two or three signatures when all are honest", async () => {
    for (let n = 0; n < 2; n++) {
      const job = await submit();
      const a = job.result.attestation!;
      assert.deepEqual([...(a.signedBy ?? [])].sort(), [leader.address, first.address, second.address].sort(), JSON.stringify(a.refusals));
      assert.equal(a.signers.length, 2);
      assert.equal(a.posted?.status, "confirmed");
      assert.equal(await onChain("tokensOf"), BigInt(a.tokens));
    }
    for (const i of [0, 1] as const) assert.equal((await status(i)).verified, 2);
  });

  it("lands submissions while a member is down; it catches up from the chain after missing five and co-signs the next", async () => {
    await members[1]!.stop();
    for (let n = 0; n < 5; n++) {
      const a = (await submit()).result.attestation!;
      assert.deepEqual([...(a.signedBy ?? [])].sort(), [leader.address, first.address].sort());
      assert.equal(a.refusals.length, 1);
      assert.match(a.refusals[0]!, /did not answer/);
    }
    const down = (await (await fetch(`${leaderUrl}/committee`)).json()) as CommitteeView;
    assert.deepEqual(down.members.map((m) => [m.address, m.state]), [[first.address, "up"], [second.address, "down"]]);
    members[1] = await member(1);
    for (let i = 0; (await status(1)).verified < 7; i++) {
      assert.ok(i < 600, "the restarted member did not catch up within a minute");
      await new Promise((r) => setTimeout(r, 100));
    }
    const a = (await submit()).result.attestation!;
    assert.ok(a.signedBy?.includes(second.address), JSON.stringify(a.refusals));
    assert.equal((await status(1)).verified, 8);
  });

  it("refuses, with the difference, from a member that runs another pipeline configuration; the other two land", async () => {
    await members[1]!.stop();
    const config = join(dir, "other-pipeline.json");
    writeFileSync(config, JSON.stringify({ tokenizer: { encoding: "cl100k_base" } }));
    members[1] = await member(1, { state: join(dir, "member-1-other"), pipelineConfig: config });
    const a = (await submit()).result.attestation!;
    assert.deepEqual([...(a.signedBy ?? [])].sort(), [leader.address, first.address].sort());
    assert.equal(a.refusals.length, 1);
    assert.match(a.refusals[0]!, /pipeline_mismatch: it was made by pipeline \S+ .*; this member runs \S+/);
    const s = await status(1);
    assert.equal(s.verified, 0);
    assert.match(s.refused?.reason ?? "", /pipeline_mismatch/);
    const view = (await (await fetch(`${leaderUrl}/committee`)).json()) as CommitteeView;
    assert.deepEqual(view.members.map((m) => m.state), ["up", "refusing"]);
    assert.equal(view.members[1]!.behind, view.submissions);
  });

  it("gives no signature to a leader asking for one token more than the data holds, and nothing lands", async () => {
    const nonceBefore = await onChain("nonceOf");
    const tokensBefore = await onChain("tokensOf");
    // The leader's own key asks for its last manifest's count plus one, as a dishonest leader would.
    const jobs = (await (await fetch(`${leaderUrl}/jobs`, { headers: auth })).json()) as { jobs: { result: { attestation: { contributor: Address; tokens: string; nonce: string; manifestCid: `0x${string}` } } | null }[] };
    const latest = jobs.jobs.flatMap((j) => (j.result ? [j.result.attestation] : [])).sort((x, y) => Number(BigInt(y.nonce) - BigInt(x.nonce)))[0]!;
    const inflated = { contributor: latest.contributor, tokens: BigInt(latest.tokens) + 1n, nonce: BigInt(latest.nonce), deadline: BigInt(Math.floor(Date.now() / 1000) + 3600), manifestCid: latest.manifestCid };
    const client = new MemberClient({ address: first.address, url: members[0]!.url, signer: leader, chainId: 31337, splitter, timeoutMs: 30_000 });
    await assert.rejects(client.cosign(inflated), (e: Error) => e instanceof CosignRefusedError && /tokens: asked \d+, this member computed \d+/.test(e.message));
    assert.equal(await onChain("nonceOf"), nonceBefore);
    assert.equal(await onChain("tokensOf"), tokensBefore);
  });

  it("answers only requests signed by a current committee member", async () => {
    const [outsider] = testAccounts(1, SALT + 1);
    const client = new MemberClient({ address: first.address, url: members[0]!.url, signer: outsider!, chainId: 31337, splitter, timeoutMs: 30_000, attempts: 1 });
    const any = { contributor: contributor.address, tokens: 1n, nonce: 1n, deadline: BigInt(Math.floor(Date.now() / 1000) + 3600), manifestCid: "0x01" as const };
    await assert.rejects(client.cosign(any), /HTTP 403[\s\S]*not a member of the committee in force/);
  });

  it("answers a request once, and not at all when it is stale, for another member or tampered with", async () => {
    const request = (over: Partial<CosignRequest> = {}): CosignRequest => ({
      kind: COSIGN_REQUEST, chainId: 31337, splitter, from: leader.address, to: first.address, issuedAt: Math.floor(Date.now() / 1000),
      id: randomBytes(32).toString("hex"),
      attestation: { contributor: contributor.address, tokens: "1", nonce: "1", deadline: String(Math.floor(Date.now() / 1000) + 3600), manifestCid: "0x01" },
      ...over,
    });
    const post = async (body: unknown) => {
      const res = await fetch(`${members[0]!.url}/cosign`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as { message?: string } };
    };
    const once = await signEnvelope(leader, request());
    assert.equal((await post(once)).status, 200);
    assert.match((await post(once)).body.message ?? "", /was answered before/);
    assert.match((await post(await signEnvelope(leader, request({ issuedAt: Math.floor(Date.now() / 1000) - 3600 })))).body.message ?? "", /issued \d+ s away from this node's clock/);
    assert.match((await post(await signEnvelope(leader, request({ to: second.address })))).body.message ?? "", /is for 0x[0-9a-fA-F]{40}, not for this node/);
    const tampered = { ...once, message: once.message.replace('"tokens":"1"', '"tokens":"2"') };
    assert.match((await post(tampered)).body.message ?? "", /says it is from .* but is signed by/);
  });

  it("produces a program the audit passes", async () => {
    const report = await auditSplitter(chain.publicClient, { splitter, store: new GatewayStore(leaderUrl) });
    const failed = report.checks.filter((c) => c.status === "fail");
    assert.deepEqual(failed.map((c) => c.findings), []);
  });

  it("replaces a leader killed mid-submission by a member (1tt takeover): nothing lost, nothing counted twice", async () => {
    // The second member back on the program's pipeline and its own state: it catches up.
    await members[1]!.stop();
    members[1] = await member(1);
    const committed = (await status(0)).verified;
    for (let i = 0; (await status(1)).verified < committed; i++) {
      assert.ok(i < 600, "the second member did not catch up");
      await new Promise((r) => setTimeout(r, 100));
    }

    // An upload; the leader dies (SIGKILL) as soon as the first member has co-signed it.
    const files = [{ name: `part-${seed}.jsonl`, data: datasetJsonl(seed++) }];
    const form = await signedUploadForm(contributor, await oracleProgram(leaderUrl), files);
    assert.equal((await fetch(`${leaderUrl}/uploads`, { method: "POST", headers: auth, body: form })).status, 202);
    for (let i = 0; (await status(0)).verified === committed; i++) {
      assert.ok(i < 1200, "the first member was never asked to co-sign the upload");
      await new Promise((r) => setTimeout(r, 25));
    }
    await leaderProcess.stop(true);

    // The first member becomes the leader: its node stops, its state becomes the oracle's data.
    await members[0]!.stop();
    const dataDir = join(dir, "new-leader");
    const takeover = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", fileURLToPath(new URL("../cli/1tt.ts", import.meta.url)), "takeover", "--state", join(dir, "member-0"), "--data-dir", dataDir], { encoding: "utf8" });
    assert.equal(takeover.status, 0, takeover.stderr);
    assert.match(takeover.stdout, new RegExp(`imported ${committed + 1} submissions`));
    const port = hosts ? 8787 : await freePort();
    const newLeaderUrl = `http://${host(1)}:${port}`;
    await members[1]!.stop();
    leaderUrl = newLeaderUrl; // the second member now reads through the new leader
    members[1] = await member(1);
    leaderProcess = await startLeaderProcess(leaderEnv({ dataDir, storeDir: join(dir, "member-0", "ipfs"), rpc, splitter, privateKey: keyOf(SALT, 1), members: { [second.address]: members[1].url } }), port, host(1), hosts?.namespaces[1]);
    members[0] = null;

    // The contributor sends the same files again: the new leader has that submission already.
    auth = await signInWithWallet(newLeaderUrl, contributor, { program: splitter, readerKey: readerKeyFromWallet });
    const again = await uploadAndWait(newLeaderUrl, auth, files, { signer: contributor, timeoutMs: 120_000 }).catch((e: Error) => assert.fail(`${e.message}\nthe new leader's output:\n${leaderProcess.output()}`));
    assert.equal(again.result.sequence, committed);
    assert.equal(await onChain("tokensOf"), BigInt(again.result.cumulativeTokens));
    // And the committee goes on under the new leader.
    const next = (await submit()).result;
    assert.deepEqual([...(next.attestation!.signedBy ?? [])].sort(), [first.address, second.address].sort());
    assert.equal(next.sequence, committed + 1);
    assert.equal(await onChain("tokensOf"), BigInt(next.cumulativeTokens));
    const stats = (await (await fetch(`${newLeaderUrl}/stats`)).json()) as { submissions: number };
    assert.equal(stats.submissions, committed + 2);
    const report = await auditSplitter(chain.publicClient, { splitter, store: new GatewayStore(newLeaderUrl) });
    assert.deepEqual(report.checks.filter((c) => c.status === "fail").map((c) => c.findings), []);
  });

  it("did all of it through a public endpoint's limits: requests answered 429 and 503 were retried", () => {
    const tally = chain.publicRpc!.tally;
    assert.ok(tally.forwarded > 0 && tally.injected429 > 0 && tally.injected503 > 0, JSON.stringify(tally));
  });
});
