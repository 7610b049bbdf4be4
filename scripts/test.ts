// The project's test command: static checks, contract tests (mocha + Solidity) and the
// oracle's tests, with one closing line "N passed, N failed" over all of them.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres } from "../oracle/service/database/embedded.ts";
import { TEST_SERVER_VARIABLE } from "../oracle/service/database/test-server.ts";

interface Step {
  name: string;
  cmd: string[];
  /** Pulls (passed, failed) out of the step's output; a step without it counts as one check. */
  count?: (out: string) => { passed: number; failed: number };
}

const lastNumber = (out: string, re: RegExp): number => {
  const all = [...out.matchAll(re)];
  return all.length ? Number(all[all.length - 1][1]) : 0;
};

const sumNumbers = (out: string, re: RegExp): number =>
  [...out.matchAll(re)].reduce((s, m) => s + Number(m[1]), 0);

function findTests(dir: string, suffix: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules") continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...findTests(path, suffix));
    else if (entry.endsWith(suffix)) found.push(path);
  }
  return found.sort();
}

// The indexer's test runs beside the oracle's: it starts a real Ponder on its own chain.
const oracleTests = [...findTests("oracle", ".test.ts"), ...findTests("indexer", ".test.ts")];

const steps: Step[] = [
  { name: "solhint", cmd: ["npx", "solhint", "--disc", "--noPoster", "--max-warnings", "1000", "contracts/**/*.sol"] },
  { name: "hardhat build", cmd: ["npx", "hardhat", "build", "--quiet"] },
  { name: "tsc --noEmit", cmd: ["npx", "tsc", "--noEmit"] },
  {
    name: "module boundaries and generated code",
    cmd: ["node", "--test", "--test-reporter=spec", "--disable-warning=ExperimentalWarning", "scripts/layering.test.ts", "scripts/gen-abi.test.ts"],
    count: (out) => ({ passed: lastNumber(out, /^ℹ pass (\d+)/gm), failed: lastNumber(out, /^ℹ fail (\d+)/gm) }),
  },
  { name: "frontend tsc", cmd: ["npx", "tsc", "-p", "frontend", "--noEmit"] },
  {
    name: "contract tests (Solidity)",
    cmd: ["npx", "hardhat", "test", "solidity"],
    count: (out) => ({
      passed: sumNumbers(out, /^\s*(\d+) passing/gm),
      failed: sumNumbers(out, /^\s*(\d+) failing/gm),
    }),
  },
  {
    name: "contract tests (mocha)",
    cmd: ["npx", "hardhat", "test", "mocha"],
    count: (out) => ({
      passed: sumNumbers(out, /^\s*(\d+) passing/gm),
      failed: sumNumbers(out, /^\s*(\d+) failing/gm),
    }),
  },
];
if (oracleTests.length > 0) {
  steps.push({
    name: "oracle and indexer tests (node:test)",
    cmd: ["node", "--test", "--test-reporter=spec", "--test-concurrency=2", "--disable-warning=ExperimentalWarning", ...oracleTests],
    count: (out) => ({
      passed: lastNumber(out, /^ℹ pass (\d+)/gm),
      failed: lastNumber(out, /^ℹ fail (\d+)/gm),
    }),
  });
}

steps.push(
  {
    name: "platform start-up (npm start)",
    cmd: ["node", "--test", "--test-reporter=spec", "--disable-warning=ExperimentalWarning", "scripts/start/start.test.ts"],
    count: (out) => ({ passed: lastNumber(out, /^ℹ pass (\d+)/gm), failed: lastNumber(out, /^ℹ fail (\d+)/gm) }),
  },
  {
    name: "the 1tt package (npm pack) and .env.example",
    cmd: ["node", "--test", "--test-reporter=spec", "scripts/package.test.ts", "scripts/env-example.test.ts"],
    count: (out) => ({ passed: lastNumber(out, /^ℹ pass (\d+)/gm), failed: lastNumber(out, /^ℹ fail (\d+)/gm) }),
  },
  {
    name: "frontend unit tests (vitest)",
    cmd: ["npx", "vitest", "run", "--config", "frontend/vitest.config.ts"],
    count: (out) => {
      // eslint-disable-next-line no-control-regex
      const line = [...out.replace(/\x1b\[[0-9;]*m/g, "").matchAll(/^\s*Tests\s+(.*)$/gm)].pop()?.[1] ?? "";
      return { passed: Number(/(\d+) passed/.exec(line)?.[1] ?? 0), failed: Number(/(\d+) failed/.exec(line)?.[1] ?? 0) };
    },
  },
  {
    name: "frontend browser tests (chromium)",
    cmd: ["node", "--test", "--test-reporter=spec", "--disable-warning=ExperimentalWarning", "frontend/e2e/dapp.e2e.ts"],
    count: (out) => ({ passed: lastNumber(out, /^ℹ pass (\d+)/gm), failed: lastNumber(out, /^ℹ fail (\d+)/gm) }),
  },
);

function run(step: Step): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(step.cmd[0], step.cmd.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const relay = (chunk: Buffer, sink: NodeJS.WriteStream) => {
      out += chunk.toString();
      sink.write(chunk);
    };
    child.stdout.on("data", (c: Buffer) => relay(c, process.stdout));
    child.stderr.on("data", (c: Buffer) => relay(c, process.stderr));
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

// One PostgreSQL for every test that needs one (each oracle data folder gets its own database on
// it), started once here instead of once per test file. ORACLE_TEST_DATABASE_URL already set
// (a run against another server) is used as it is.
let database: { stop(): void; dir: string } | null = null;
if (!process.env[TEST_SERVER_VARIABLE]) {
  const dir = mkdtempSync(join(tmpdir(), "1tt-test-postgres-"));
  writeFileSync(join(dir, "owner"), String(process.pid));
  const server = startEmbeddedPostgres(join(dir, "cluster"), "postgres");
  database = { stop: server.stop, dir };
  process.env[TEST_SERVER_VARIABLE] = server.url;
}

let passed = 0;
let failed = 0;
const summary: string[] = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.cmd.join(" ")}`);
  const started = Date.now();
  const { code, out } = await run(step);
  let counts = step.count ? step.count(out) : { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
  // A runner that exits non-zero without reporting a failure still failed (a crash, a compile error).
  if (code !== 0 && counts.failed === 0) counts = { passed: counts.passed, failed: 1 };
  if (step.count && code === 0 && counts.passed === 0) counts = { passed: 0, failed: 1 }; // ran no test
  passed += counts.passed;
  failed += counts.failed;
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  summary.push(`${code === 0 && counts.failed === 0 ? "ok  " : "FAIL"} ${step.name}: ${counts.passed} passed, ${counts.failed} failed (${secs} s)`);
}
if (database) {
  database.stop();
  rmSync(database.dir, { recursive: true, force: true });
}
console.log("\n" + summary.join("\n"));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
