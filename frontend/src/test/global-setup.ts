// What the component and hook tests talk to, started once for the whole Vitest run: a Hardhat
// node with one world per test file that changes chain state (world.ts, deploy-worlds.ts), the oracle service
// (both children on free ports, stopped by PID when the run ends, also when tests fail or the run
// is interrupted), and submission reports from a real pipeline run (reports.ts). The node's and
// the oracle's URLs reach src/config.ts as VITE_RPC_URL / VITE_ORACLE_URL; everything reaches the
// tests through `inject` (context.ts).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ROOT, startChain } from "../../e2e/chain.ts";
import { startOracle } from "./oracle.ts";
import type {} from "./context.ts";
import { PAGE_ORIGIN } from "./page.ts";
import { pipelineReports, sampleDocuments } from "./reports.ts";
import { deployWorlds } from "./deploy-worlds.ts";

export default async function setup(project: TestProject) {
  if (!existsSync(join(ROOT, "artifacts/contracts/RevenueSplitter.sol/RevenueSplitter.json"))) {
    execFileSync(join(ROOT, "node_modules/.bin/hardhat"), ["build", "--quiet"], { cwd: ROOT, stdio: "inherit" });
  }
  const dataDir = mkdtempSync(join(tmpdir(), "1tt-dapp-tests-"));
  const stops: (() => void)[] = [];
  const stopAll = () => {
    for (const stop of stops.splice(0)) stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  // A run ended by a signal or a crash still takes its children down.
  process.once("exit", stopAll);
  // All settled before looking, so that whatever did start is stopped when another part failed.
  const [chain, oracle, reports] = await Promise.allSettled([
    startChain().then(async (c) => {
      stops.push(c.stop);
      return { rpc: c.rpc, worlds: await deployWorlds(c.rpc) };
    }),
    startOracle({ publicOrigin: PAGE_ORIGIN, dataDir }).then((o) => {
      stops.push(o.stop);
      return o;
    }),
    pipelineReports(),
  ]);
  if (chain.status === "rejected" || oracle.status === "rejected" || reports.status === "rejected") {
    stopAll();
    throw [chain, oracle, reports].flatMap((r) => (r.status === "rejected" ? [r.reason] : []))[0];
  }
  process.env.VITE_RPC_URL = chain.value.rpc;
  process.env.VITE_ORACLE_URL = oracle.value.url;
  project.provide("rpcUrl", chain.value.rpc);
  project.provide("worlds", chain.value.worlds);
  project.provide("reports", reports.value);
  project.provide("documents", sampleDocuments());
  return () => {
    process.off("exit", stopAll);
    stopAll();
  };
}
