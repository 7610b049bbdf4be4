// A committee member (the real `1tt node`, its own OS process) refuses to co-sign a count for raw
// data the credited contributor did not sign for, whatever the leader put in the manifest: no
// contribution signature, a signature by another key, or the contributor's own signature of an
// earlier upload replayed onto new data. Each case is its own program on one chain, with a
// dishonest leader (the real service with a sink that changes the signature:
// oracle/service/testing-misattributing-leader.ts) and one honest member; the threshold is two,
// so without the member nothing lands. The leader shows each refusal with its reason.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { toHex, type Address, type PrivateKeyAccount } from "viem";
import { startTestChain, testAccounts, type TestChain } from "../attest/testing/chain.ts";
import { readerKeyFromWallet } from "../crypto/index.ts";
import { revenueSplitterAbi } from "../protocol/abi.ts";
import type { CommitteeView, MemberStatus } from "../protocol/committee-api.ts";
import type { JobView } from "../protocol/oracle-api.ts";
import { oracleProgram, signedUploadForm, signInWithWallet } from "../protocol/oracle-client.ts";
import { datasetJsonl } from "../service/testing.ts";
import { freePort, jobEnd, leaderEnv, startLeaderProcess, startMemberProcess, type Running } from "./testing.ts";

const SALT = 7171;
// The private keys behind testAccounts(n, SALT).
const keyOf = (i: number) => toHex(BigInt(SALT) * 1_000_003n + BigInt(i + 1), { size: 32 });
const [leader, member, contributor] = testAccounts(3, SALT);

type Mode = "unsigned" | "forged" | "other-files";

interface Outcome {
  splitter: Address;
  leader: Running;
  member: Running;
  /** The contributor's jobs, in upload order. */
  jobs: JobView[];
}

/** A program whose leader misattributes as `mode` says and whose one other member is honest; `uploads` files by the contributor, in turn. */
async function play(chain: TestChain, dir: string, mode: Mode, uploads: number): Promise<Outcome> {
  const splitter = await chain.deployProgram([leader.address, member.address], 2);
  const leaderUrl = `http://127.0.0.1:${await freePort()}`;
  const memberProcess = await startMemberProcess({ privateKey: keyOf(1), rpc: chain.front.url, splitter, state: join(dir, mode, "member"), gateway: leaderUrl, port: await freePort() });
  const env = leaderEnv({ dataDir: join(dir, mode, "oracle"), storeDir: join(dir, mode, "ipfs"), rpc: chain.front.url, splitter, privateKey: keyOf(0), members: { [member.address]: memberProcess.url } });
  const leaderProcess = await startLeaderProcess(env, Number(new URL(leaderUrl).port), "127.0.0.1", undefined, "oracle/service/testing-misattributing-leader.ts", [mode]).catch(async (e) => {
    await memberProcess.stop();
    throw e;
  });
  const jobs: JobView[] = [];
  const auth = await signInWithWallet(leaderUrl, contributor, { program: splitter, readerKey: readerKeyFromWallet });
  for (let i = 0; i < uploads; i++) {
    const form = await signedUploadForm(contributor, await oracleProgram(leaderUrl), [{ name: `prose-${i}.jsonl`, data: datasetJsonl(40 + i) }]);
    const posted = await fetch(`${leaderUrl}/uploads`, { method: "POST", headers: auth, body: form });
    assert.equal(posted.status, 202, await posted.clone().text());
    jobs.push(await jobEnd(leaderProcess, auth, ((await posted.json()) as { job: JobView }).job.id));
  }
  return { splitter, leader: leaderProcess, member: memberProcess, jobs };
}

const tokensOf = (chain: TestChain, splitter: Address, who: PrivateKeyAccount) =>
  chain.publicClient.readContract({ address: splitter, abi: revenueSplitterAbi, functionName: "tokensOf", args: [who.address] });

describe("a member refuses a count for raw data its contributor did not sign", { timeout: 600_000 }, () => {
  let chain: TestChain;
  let dir = "";
  const cases: Record<Mode, { code: string; uploads: number }> = {
    unsigned: { code: "manifests.contribution_unsigned", uploads: 1 },
    forged: { code: "manifests.contribution_forged", uploads: 1 },
    "other-files": { code: "manifests.contribution_forged", uploads: 2 },
  };
  const outcomes = new Map<Mode, Outcome>();

  before(async () => {
    chain = await startTestChain();
    await chain.fund(leader.address);
    dir = mkdtempSync(join(tmpdir(), "1tt-contribution-refusal-"));
    // One program after another: three leaders and members at once would only slow each other.
    for (const mode of Object.keys(cases) as Mode[]) outcomes.set(mode, await play(chain, dir, mode, cases[mode].uploads));
  });
  after(async () => {
    for (const o of outcomes.values()) {
      await o.member.stop();
      await o.leader.stop();
    }
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [mode, { code, uploads }] of Object.entries(cases) as [Mode, { code: string; uploads: number }][]) {
    const refused = uploads - 1; // the sequence the member refuses; any earlier upload was honest
    describe(mode === "unsigned" ? "with no contribution signature" : mode === "forged" ? "with a signature by another key" : "with the contributor's signature of other files", () => {
      it(`ends the contributor's job failed, the leader naming the member's refusal: ${code}`, () => {
        const job = outcomes.get(mode)!.jobs[refused]!;
        assert.equal(job.state, "failed", JSON.stringify(job.error));
        assert.equal(job.error?.code, "committee_refused", JSON.stringify(job.error));
        const cid = job.result!.manifestCid!;
        assert.match(job.error!.message, new RegExp(`${member.address} could not confirm submission ${refused} \\(${cid}\\)\\. ${code.replace(".", "\\.")}: manifest ${cid} \\(sequence ${refused}, ${contributor.address}\\)`));
        assert.deepEqual(job.result!.attestation!.signedBy, [leader.address]);
        assert.equal(job.result!.attestation!.refusals.length, 1);
        assert.match(job.result!.attestation!.refusals[0]!, new RegExp(code.replace(".", "\\.")));
      });

      it("shows the member refusing, with the reason, at the leader's GET /committee and at the member's /status", async () => {
        const o = outcomes.get(mode)!;
        const view = (await (await fetch(`${o.leader.url}/committee`)).json()) as CommitteeView;
        assert.deepEqual(view.members.map((m) => [m.address, m.state]), [[member.address, "refusing"]]);
        assert.equal(view.members[0]!.status?.refused?.sequence, refused);
        assert.match(view.members[0]!.status?.refused?.reason ?? "", new RegExp(code.replace(".", "\\.")));
        const status = (await (await fetch(`${o.member.url}/status`)).json()) as MemberStatus;
        assert.equal(status.verified, refused);
        assert.match(status.refused?.reason ?? "", new RegExp(code.replace(".", "\\.")));
      });

      it(`puts on chain only what the contributor signed for (${uploads === 1 ? "nothing" : "their first upload"})`, async () => {
        const o = outcomes.get(mode)!;
        const honest = o.jobs.slice(0, refused);
        for (const j of honest) assert.equal(j.state, "accepted", `the member co-signs the upload the contributor signed: ${JSON.stringify(j.error)}`);
        const expected = honest.reduce((n, j) => n + BigInt(j.result!.tokens.out), 0n);
        for (let i = 0; i < 50 && (await tokensOf(chain, o.splitter, contributor)) !== expected; i++) await new Promise((r) => setTimeout(r, 100));
        assert.equal(await tokensOf(chain, o.splitter, contributor), expected);
      });
    });
  }
});
