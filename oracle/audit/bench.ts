// npm run bench:audit — the audit at scale: a history of 1,000 contributors and 1,000 deposits
// (plus claims) on Hardhat's in-process chain, audited with two log page sizes; then a history a
// tenth the size in the same number of blocks. Prints the audit time and the JSON-RPC calls by
// method, to show the calls follow the log pages (and blocks), not the number of contributors.
//
//   node oracle/audit/bench.ts [contributors=1000] [deposits=contributors]
import { readFileSync } from "node:fs";
import { auditSplitter, MULTICALL3_ADDRESS, type AuditReport } from "./index.ts";
import { contributors, Harness, testAccounts, type Program } from "./testing/harness.ts";

const CONTRIBUTORS = Number(process.argv[2] ?? 1_000);
const DEPOSITS = Number(process.argv[3] ?? CONTRIBUTORS);
const BLOCKS = 40;
const WAVES = 10;

const h = await Harness.start();
// Every public chain has Multicall3 at its canonical address; give the local chain a same-ABI
// aggregator there (contracts/test/Multicall3.sol), so view reads are batched as in production.
const aggregator = JSON.parse(readFileSync(new URL("../../artifacts/contracts/test/Multicall3.sol/Multicall3.json", import.meta.url), "utf8"));
await h.chain.request("hardhat_setCode", [MULTICALL3_ADDRESS, aggregator.deployedBytecode]);

/**
 * Attestations and deposits in WAVES rounds (a tenth of the contributors join, then a tenth of
 * the deposits), mined into about BLOCKS blocks, then a claim per tenth contributor.
 */
async function build(count: number, deposits: number, salt: number): Promise<{ program: Program; seconds: number; blocks: bigint }> {
  const started = performance.now();
  const program = await h.program({ committee: testAccounts(3, 900 + salt), threshold: 2 });
  const first = await h.chain.publicClient.getBlockNumber({ cacheTime: 0 });
  const people = contributors(count, salt);
  const perBlock = Math.max(1, Math.ceil((count + deposits) / BLOCKS));
  await h.setAutomine(false);
  let pending = 0;
  const tick = async () => {
    if (++pending >= perBlock) {
      await h.mine();
      pending = 0;
    }
  };
  for (let w = 0; w < WAVES; w++) {
    for (let i = Math.floor((w * count) / WAVES); i < Math.floor(((w + 1) * count) / WAVES); i++) {
      await program.submit(people[i]!, 1_000 + ((i * 7_919) % 50_000));
      await tick();
    }
    for (let i = Math.floor((w * deposits) / WAVES); i < Math.floor(((w + 1) * deposits) / WAVES); i++) {
      await program.deposit(1_000_000n + BigInt((i * 104_729) % 9_000_000));
      await tick();
    }
  }
  for (let i = 0; i < count; i += 10) {
    await program.claim(people[i]!);
    await tick();
  }
  await h.mine();
  await h.setAutomine(true);
  const last = await h.chain.publicClient.getBlockNumber({ cacheTime: 0 });
  return { program, seconds: (performance.now() - started) / 1000, blocks: last - first };
}

async function audit(program: Program, pageSize: bigint): Promise<{ report: AuditReport; seconds: number; calls: number; byMethod: string }> {
  const { client, counter } = h.client();
  const started = performance.now();
  const report = await auditSplitter(client, { splitter: program.splitter, store: h.store, pageSize });
  const seconds = (performance.now() - started) / 1000;
  if (!report.ok) throw new Error(`the benchmark history should pass: ${JSON.stringify(report.checks.filter((c) => c.status !== "pass" && c.id !== "replay"))}`);
  return { report, seconds, calls: counter.total(), byMethod: counter.describe() };
}

function row(label: string, pageSize: bigint, r: Awaited<ReturnType<typeof audit>>): string {
  const state = r.report.checks[0]!.figures;
  const t = r.report.timings;
  return (
    `${label.padEnd(28)} page ${String(pageSize).padStart(5)} blocks  ${String(state.logPages).padStart(3)} log pages  ` +
    `${String(r.calls).padStart(4)} RPC calls  ${r.seconds.toFixed(1).padStart(5)} s` +
    `  (logs ${t.logs} ms, views ${t.views} ms, payout replay ${t.rebuild} ms, signatures ${t.attestations} ms, payout check ${t.payouts} ms, manifests ${t.manifests} ms, data ${t.data} ms)\n` +
    `${"".padEnd(28)} ${r.byMethod}`
  );
}

try {
  const big = await build(CONTRIBUTORS, DEPOSITS, 1);
  const small = 2n;
  const a = await audit(big.program, small);
  const b = await audit(big.program, 1_000n);
  const state = b.report.checks[0]!.figures;
  console.log(
    `history: ${state.contributors} contributors, ${state.attestations} attestations, ${state.deposits} deposits, ${state.claims} claims ` +
      `in ${big.blocks} blocks (built in ${big.seconds.toFixed(1)} s)`,
  );
  console.log(row(`${CONTRIBUTORS} contributors`, small, a));
  console.log(row(`${CONTRIBUTORS} contributors`, 1_000n, b));

  const tenth = Math.max(1, Math.round(CONTRIBUTORS / 10));
  const little = await build(tenth, Math.max(1, Math.round(DEPOSITS / 10)), 2);
  const c = await audit(little.program, small);
  const d = await audit(little.program, 1_000n);
  console.log(`history: ${tenth} contributors, ${Math.round(DEPOSITS / 10)} deposits in ${little.blocks} blocks (built in ${little.seconds.toFixed(1)} s)`);
  console.log(row(`${tenth} contributors`, small, c));
  console.log(row(`${tenth} contributors`, 1_000n, d));
  const views = (r: typeof a) => r.byMethod.match(/eth_call (\d+)/)?.[1] ?? "0";
  console.log(
    `\nRPC calls: ${a.calls} → ${b.calls} when the log pages go from ${a.report.checks[0]!.figures.logPages} to ${b.report.checks[0]!.figures.logPages}; ` +
      `${b.calls} with ${CONTRIBUTORS} contributors vs ${d.calls} with ${tenth}. The difference is the view multicalls (eth_call ${views(b)} vs ${views(d)}: ` +
      `Multicall3 reads 500 contributors per call; a chain without it falls back to a deployless multicall of 30 per call). ` +
      `Everything else: ${b.calls - Number(views(b))} vs ${d.calls - Number(views(d))} (log pages, blocks with attestations, fixed reads).`,
  );
} finally {
  await h.close();
}
