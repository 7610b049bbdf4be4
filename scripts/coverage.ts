// Coverage of contracts/ with Hardhat's built-in coverage (EDR instrumentation), over the
// Solidity tests and the mocha tests together. Prints the figures and fails below 100%.
// EDR reports line and statement coverage; it has no branch data yet (Hardhat's lcov writer
// says so), so every branch of contracts/ is covered by statements inside it or by a test
// named after the error it takes. Test doubles (contracts/test/) are skipped in hardhat.config.ts.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const REQUIRED = 100;
const EXPECTED_FILES = [
  "contracts/RevenueSplitter.sol",
  "contracts/RevenueSplitterFactory.sol",
  "contracts/ReaderKeyRegistry.sol",
  "contracts/libraries/SplitMath.sol",
  "contracts/TestUSD.sol",
];

const run = (cmd: string, args: string[]) =>
  new Promise<{ code: number; out: string }>((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      process.stdout.write(c);
    });
    child.stderr.on("data", (c: Buffer) => {
      out += c.toString();
      process.stderr.write(c);
    });
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });

const { code, out } = await run("npx", ["hardhat", "test", "--coverage"]);
// eslint-disable-next-line no-control-regex
const plain = out.replace(/\x1b\[[0-9;]*m/g, "");

interface Row {
  file: string;
  line: number;
  statement: number;
}
const rows: Row[] = [];
for (const m of plain.matchAll(/║\s*(contracts\/\S+)\s*│\s*([\d.]+)\s*│\s*([\d.]+)\s*│/g)) {
  rows.push({ file: m[1], line: Number(m[2]), statement: Number(m[3]) });
}

// Cross-check the line figures with lcov.info, which Hardhat writes next to the html report.
const lcov = readFileSync("coverage/lcov.info", "utf8");
const lcovLines = new Map<string, { hit: number; found: number }>();
for (const record of lcov.split("end_of_record")) {
  const file = /^SF:(.+)$/m.exec(record)?.[1];
  const hit = /^LH:(\d+)$/m.exec(record)?.[1];
  const found = /^LF:(\d+)$/m.exec(record)?.[1];
  if (file && hit && found) lcovLines.set(file, { hit: Number(hit), found: Number(found) });
}

const problems: string[] = [];
if (code !== 0) problems.push(`hardhat test --coverage exited with ${code}`);
for (const file of EXPECTED_FILES) {
  if (!rows.some((r) => r.file === file)) problems.push(`${file} missing from the coverage report`);
}
console.log("\nCoverage of contracts/ (Solidity + mocha tests):");
for (const r of rows) {
  const l = lcovLines.get(r.file);
  console.log(`  ${r.file.padEnd(40)} lines ${r.line.toFixed(2)}% (${l ? `${l.hit}/${l.found}` : "?"})  statements ${r.statement.toFixed(2)}%`);
  if (r.line < REQUIRED || r.statement < REQUIRED) problems.push(`${r.file}: lines ${r.line}%, statements ${r.statement}%`);
  if (l && l.hit !== l.found) problems.push(`${r.file}: lcov ${l.hit}/${l.found} lines`);
}
// EDR has no branch data, so check the branches that end in a revert another way: every custom
// error the contracts declare must be expected by at least one test, by name or selector.
const sources = [
  "contracts/IRevenueSplitter.sol",
  "contracts/RevenueSplitter.sol",
  "contracts/RevenueSplitterFactory.sol",
  "contracts/ReaderKeyRegistry.sol",
  "contracts/libraries/SplitMath.sol",
];
const errors = new Set(sources.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/^\s*error (\w+)\(/gm)].map((m) => m[1])));
const tests = readdirSync("test", { recursive: true, encoding: "utf8" })
  .filter((f) => /\.(ts|sol)$/.test(f))
  .map((f) => readFileSync(join("test", f), "utf8"))
  .join("\n");
const untested = [...errors].filter((e) => !new RegExp(`revertedWithCustomError\\([^)]*"${e}"|${e}\\.selector`).test(tests));
console.log(`Custom errors expected by a test: ${errors.size - untested.length}/${errors.size}`);
for (const e of untested) problems.push(`custom error ${e} is never expected by a test`);

if (problems.length > 0) {
  console.error(`\nCoverage below ${REQUIRED}%:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`\nAll ${rows.length} files at ${REQUIRED}% of lines and statements, every custom error expected by a test (EDR reports no branch data).`);
