// A leader that adds one token to a contributor's count, as its own OS process (the real service
// started with a program sink that inflates every count: oracle/service/testing-inflating-leader.ts),
// and two honest members (`1tt node`), each a process with its own state folder and port (and, as
// root, its own network namespace). The members replay the submission, compute one token less
// and refuse; the leader's own signature is one of the two needed, so nothing can land.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { toHex, type Address } from "viem";
import { startTestChain, testAccounts, type TestChain } from "../attest/testing/chain.ts";
import { revenueSplitterAbi } from "../protocol/abi.ts";
import type { CommitteeView, MemberStatus } from "../protocol/committee-api.ts";
import type { JobView } from "../protocol/oracle-api.ts";
import { readerKeyFromWallet } from "../crypto/index.ts";
import { oracleProgram, signedUploadForm, signInWithWallet, type OracleAuth } from "../protocol/oracle-client.ts";
import { datasetJsonl } from "../service/testing.ts";
import { createHosts, type Hosts } from "./netns.ts";
import { freePort, jobEnd, leaderEnv, startLeaderProcess, startMemberProcess, type Running } from "./testing.ts";

// The private keys behind testAccounts(n, SALT).
const SALT = 9090;
const keyOf = (i: number) => toHex(BigInt(SALT) * 1_000_003n + BigInt(i + 1), { size: 32 });

describe("a leader that inflates a count by one token", { timeout: 300_000 }, () => {
  const [leader, first, second, contributor] = testAccounts(4, SALT);
  let chain: TestChain;
  let splitter: Address;
  let dir = "";
  let hosts: Hosts | null = null;
  let leaderProcess: Running | undefined;
  const members: Running[] = [];
  let leaderUrl = "";
  let auth: OracleAuth;
  let job: JobView;

  before(async () => {
    chain = await startTestChain();
    splitter = await chain.deployProgram([leader.address, first.address, second.address], 2);
    await chain.fund(leader.address);
    dir = mkdtempSync(join(tmpdir(), "1tt-dishonest-leader-"));
    hosts = await createHosts(3);
    const host = (n: number) => hosts?.addresses[n] ?? "127.0.0.1";
    const port = async () => (hosts ? 8790 : await freePort());
    const rpc = hosts ? await hosts.expose(new URL(chain.front.url)) : chain.front.url;
    leaderUrl = `http://${host(0)}:${await port()}`;
    for (const i of [1, 2]) {
      members.push(await startMemberProcess({ privateKey: keyOf(i), rpc, splitter, state: join(dir, `member-${i}`), gateway: leaderUrl, host: host(i), port: await port(), netns: hosts?.namespaces[i] }));
    }
    const env = leaderEnv({ dataDir: join(dir, "leader", "oracle"), storeDir: join(dir, "leader", "ipfs"), rpc, splitter, privateKey: keyOf(0), members: { [first.address]: members[0]!.url, [second.address]: members[1]!.url } });
    leaderProcess = await startLeaderProcess(env, Number(new URL(leaderUrl).port), host(0), hosts?.namespaces[0], "oracle/service/testing-inflating-leader.ts");
    auth = await signInWithWallet(leaderUrl, contributor, { program: splitter, readerKey: readerKeyFromWallet });

    const form = await signedUploadForm(contributor, await oracleProgram(leaderUrl), [{ name: "my-prose.jsonl", data: datasetJsonl(1) }]);
    const posted = await fetch(`${leaderUrl}/uploads`, { method: "POST", headers: auth, body: form });
    assert.equal(posted.status, 202, await posted.clone().text());
    job = await jobEnd(leaderProcess, auth, ((await posted.json()) as { job: JobView }).job.id);
  });
  after(async () => {
    for (const m of members) await m.stop();
    await leaderProcess?.stop();
    await hosts?.close();
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("ends the contributor's job failed, naming each member's refusal and what it computed", () => {
    assert.equal(job.state, "failed");
    assert.equal(job.stage, "done");
    assert.equal(job.error?.code, "committee_refused", JSON.stringify(job.error));
    const counted = job.result!.tokens.out;
    for (const m of [first, second]) {
      assert.match(job.error!.message, new RegExp(`${m.address} could not confirm submission 0 \\(\\S+\\)\\. replay\\.tokens_mismatch`));
    }
    assert.match(job.error!.message, new RegExp(`replay\\.tokens_mismatch: Replaying manifest \\S+ \\(sequence 0, 0x[0-9a-fA-F]{40}\\) keeps ${counted} tokens; the manifest \\(and so the attestation\\) says ${counted + 1}`));
    assert.match(job.error!.hint, /not at fault/);
    const record = job.result!.attestation!;
    assert.equal(record.tokens, String(counted + 1), "the count the leader asked the members to sign");
    assert.deepEqual(record.signedBy, [leader.address]);
    assert.equal(record.signatures, null);
    assert.equal(record.posted, null);
    assert.equal(record.refusals.length, 2);
    for (const r of record.refusals) assert.match(r, /replay\.tokens_mismatch/);
  });

  it("puts nothing on chain, now or later", async () => {
    await new Promise((r) => setTimeout(r, 3000)); // a retry would have come by now
    const read = (functionName: "tokensOf" | "nonceOf") => chain.publicClient.readContract({ address: splitter, abi: revenueSplitterAbi, functionName, args: [contributor.address] });
    assert.equal(await read("tokensOf"), 0n);
    assert.equal(await read("nonceOf"), 0n);
    assert.deepEqual(await chain.publicClient.getContractEvents({ address: splitter, abi: revenueSplitterAbi, eventName: "Attested", fromBlock: 0n }), []);
    const again = (await (await fetch(`${leaderUrl}/jobs/${job.id}`, { headers: auth })).json()) as JobView;
    assert.equal(again.state, "failed");
  });

  it("shows both members refusing, with the reason, to anyone who looks", async () => {
    for (const m of members) {
      const s = (await (await fetch(`${m.url}/status`)).json()) as MemberStatus;
      assert.equal(s.verified, 0);
      assert.equal(s.refused?.sequence, 0);
      assert.match(s.refused?.reason ?? "", /replay\.tokens_mismatch/);
    }
    const view = (await (await fetch(`${leaderUrl}/committee`)).json()) as CommitteeView;
    assert.deepEqual(view.members.map((m) => m.state), ["refusing", "refusing"]);
  });

  it("keeps serving the refused manifest, so anyone can check the count it claimed", async () => {
    const manifest = (await (await fetch(`${leaderUrl}/ipfs/${job.result!.manifestCid}`)).json()) as { tokens: { added: number } };
    assert.equal(manifest.tokens.added, job.result!.tokens.out + 1);
  });

  it("lists the submission among the contributor's jobs as refused by the committee", async () => {
    const { jobs } = (await (await fetch(`${leaderUrl}/jobs`, { headers: auth })).json()) as { jobs: JobView[] };
    assert.deepEqual(jobs.map((j) => [j.id, j.state, j.error?.code]), [[job.id, "failed", "committee_refused"]]);
  });
});
