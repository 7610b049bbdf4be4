// Committee benchmark: the time from an upload to its attestation on chain with one oracle that
// signs alone (a 1-of-1 program) and with a 2-of-3 committee of three processes (the oracle as
// leader, two `1tt node` members replaying every submission), measured in the same run on the
// same chain, uploads alternating between the two, with the load average printed.
//
//   npm run bench:committee                 (6 uploads to each)
//   UPLOADS=10 DOCS=400 npm run bench:committee
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { toHex, type Address } from "viem";
import { startTestChain, testAccounts } from "../../oracle/attest/testing/chain.ts";
import { freePort, leaderEnv, startLeaderProcess, startMemberProcess, type Running } from "../../oracle/committee/testing.ts";
import { readerKeyFromWallet } from "../../oracle/crypto/index.ts";
import { signInWithWallet, uploadAndWait } from "../../oracle/protocol/oracle-client.ts";
import type { TestSetSizes } from "../../oracle/pipeline/testset/generate.ts";
import { datasetJsonl, SMALL_SET } from "../../oracle/service/testing.ts";

const UPLOADS = Number(process.env.UPLOADS ?? 6);
/** Clean documents per upload (besides the test set's boilerplate, repetition and duplicates). */
const DOCS = Number(process.env.DOCS ?? 200);
const SALT = 9191;
const keyOf = (i: number) => toHex(BigInt(SALT) * 1_000_003n + BigInt(i + 1), { size: 32 });
const [leader, first, second, contributor] = testAccounts(4, SALT);

const chain = await startTestChain();
const dir = mkdtempSync(join(tmpdir(), "1tt-bench-committee-"));
const running: Running[] = [];
try {
  await chain.fund(leader.address);
  const alone = await chain.deployProgram([leader.address], 1);
  const committee = await chain.deployProgram([leader.address, first.address, second.address], 2);
  const env = (name: string, splitter: Address, members: Record<string, string> = {}) =>
    leaderEnv({ dataDir: join(dir, name, "oracle"), storeDir: join(dir, name, "ipfs"), rpc: chain.front.url, splitter, privateKey: keyOf(0), members });
  const soloPort = await freePort();
  running.push(await startLeaderProcess(env("alone", alone), soloPort));
  const leaderPort = await freePort();
  const gateway = `http://127.0.0.1:${leaderPort}`;
  const members: Running[] = [];
  for (const i of [1, 2]) {
    members.push(await startMemberProcess({ privateKey: keyOf(i), rpc: chain.front.url, splitter: committee, state: join(dir, `member-${i}`), gateway, port: await freePort(), follow: 30 }));
  }
  running.push(...members);
  running.push(await startLeaderProcess(env("committee", committee, { [first.address]: members[0]!.url, [second.address]: members[1]!.url }), leaderPort));

  const soloUrl = `http://127.0.0.1:${soloPort}`;
  const auths = { alone: await signInWithWallet(soloUrl, contributor, { program: alone, readerKey: readerKeyFromWallet }), committee: await signInWithWallet(gateway, contributor, { program: committee, readerKey: readerKeyFromWallet }) };
  const times = { alone: [] as number[], committee: [] as number[] };
  const sizes: TestSetSizes = { ...SMALL_SET, clean: DOCS };
  for (let n = 0; n < UPLOADS; n++) {
    const data = datasetJsonl(500 + n, sizes);
    for (const [which, url] of [["alone", soloUrl], ["committee", gateway]] as const) {
      const started = performance.now();
      const job = await uploadAndWait(url, auths[which], [{ name: `part-${n}.jsonl`, data }], { signer: contributor, timeoutMs: 300_000 });
      if (job.result.attestation?.posted?.status !== "confirmed") throw new Error(`${which}: upload ${n} was not confirmed on chain: ${JSON.stringify(job.result.attestation)}`);
      times[which].push(performance.now() - started);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const bytes = Buffer.byteLength(datasetJsonl(500, sizes));
  console.log(`upload to attestation on chain, ${UPLOADS} uploads of about ${(bytes / 1024).toFixed(0)} KiB each, alternating (load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}):`);
  console.log(`| committee | median | min | max |`);
  console.log(`|---|---|---|---|`);
  for (const which of ["alone", "committee"] as const) {
    const t = times[which];
    console.log(`| ${which === "alone" ? "1 node (1-of-1)" : "3 nodes (2-of-3)"} | ${median(t).toFixed(0)} ms | ${Math.min(...t).toFixed(0)} ms | ${Math.max(...t).toFixed(0)} ms |`);
  }
  console.log(`3 nodes / 1 node: ${(median(times.committee) / median(times.alone)).toFixed(2)}x (median)`);
} finally {
  for (const r of running.reverse()) await r.stop();
  await chain.close();
  rmSync(dir, { recursive: true, force: true });
}
