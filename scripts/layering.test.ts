// The module boundaries (.dependency-cruiser.cjs, ARCHITECTURE.md) hold over the whole tree, and
// each rule really fires: a small tree that breaks every rule once is cruised with the same rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CONFIG = join(ROOT, ".dependency-cruiser.cjs");
const DEPCRUISE = join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruiser.mjs");
const SOURCES = ["oracle", "indexer", "frontend/src", "frontend/e2e", "scripts", "test"];

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

function cruise(cwd: string, sources: string[]): Violation[] {
  const run = spawnSync(process.execPath, [DEPCRUISE, ...sources, "--config", CONFIG, "--output-type", "json"], { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  assert.ok(run.stdout, `dependency-cruiser printed nothing: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const describe = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.to}`;

test("the tree keeps every module boundary (run `npx depcruise oracle indexer frontend/src frontend/e2e scripts test` to see why not)", () => {
  const found = cruise(ROOT, SOURCES).map(describe);
  assert.deepEqual(found, []);
});

test("every boundary rule reports the import that breaks it, and lets the allowed ones through", () => {
  const dir = mkdtempSync(join(tmpdir(), "1tt-layering-"));
  try {
    const files: Record<string, string> = {
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "nodenext", allowImportingTsExtensions: true, noEmit: true } }),
      // broken on purpose
      "oracle/store/a.ts": `import "./b.ts";`,
      "oracle/store/b.ts": `import "./a.ts";`,
      "oracle/protocol/spec.ts": `import "../store/leaf.ts"; import "node:fs";`,
      "oracle/pipeline/step.ts": `import "../store/leaf.ts"; import "node:sqlite"; import "../protocol/leaf.ts";`,
      "oracle/pipeline/dedup/bench.ts": `import "../../../scripts/corpus.ts";`,
      "oracle/committee/member.ts": `import "../service/sink.ts";`,
      "oracle/audit/replay.ts": `import "../service/sink.ts";`,
      "oracle/cli/fetch.ts": `import "../service/sink.ts"; import "../audit/replay.ts"; import "../audit/index.ts";`,
      "frontend/src/page.ts": `import "../../oracle/service/sink.ts"; import "../../oracle/pipeline/step.ts";`,
      "oracle/committee/member.test.ts": `import "../service/sink.ts"; import "../service/testing.ts";`,
      "indexer/handlers.ts": `import "../oracle/store/leaf.ts"; import "../oracle/protocol/leaf.ts";`,
      "frontend/src/history.ts": `import "../../indexer/handlers.ts";`,
      "frontend/src/ui/Note.tsx": `import "../page.ts"; import "./Kit.tsx"; import "../config.ts"; import "../../../oracle/protocol/leaf.ts";`,
      // allowed
      "indexer/handlers.test.ts": `import "../oracle/audit/index.ts"; import "./handlers.ts";`,
      "oracle/protocol/leaf.ts": `export {};`,
      "frontend/src/ui/Kit.tsx": `export {};`,
      "frontend/src/ui/Note.test.tsx": `import "../page.ts"; import "./Note.tsx";`,
      "frontend/src/config.ts": `export {};`,
      "oracle/protocol/leaf.test.ts": `import "node:test"; import "./leaf.ts";`,
      "oracle/store/leaf.ts": `export {};`,
      "oracle/audit/index.ts": `export {};`,
      "oracle/service/sink.ts": `import "../pipeline/step.ts";`,
      "oracle/service/testing.ts": `import "./sink.ts";`,
      "scripts/corpus.ts": `import "../oracle/service/sink.ts";`,
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const found = cruise(dir, ["oracle", "indexer", "frontend", "scripts"]).map(describe).sort();
    assert.deepEqual(found, [
      "checkers-do-not-import-the-service: frontend/src/page.ts → oracle/service/sink.ts",
      "checkers-do-not-import-the-service: oracle/audit/replay.ts → oracle/service/sink.ts",
      "checkers-do-not-import-the-service: oracle/cli/fetch.ts → oracle/service/sink.ts",
      "checkers-do-not-import-the-service: oracle/committee/member.ts → oracle/service/sink.ts",
      "cli-uses-the-audit-surface: oracle/cli/fetch.ts → oracle/audit/replay.ts",
      "dapp-reads-reports-not-the-pipeline: frontend/src/page.ts → oracle/pipeline/step.ts",
      "indexer-reads-only-the-protocol: indexer/handlers.ts → oracle/store/leaf.ts",
      "no-cycles: oracle/store/a.ts → oracle/store/b.ts",
      "only-tooling-starts-the-indexer: frontend/src/history.ts → indexer/handlers.ts",
      "oracle-does-not-import-scripts: oracle/pipeline/dedup/bench.ts → scripts/corpus.ts",
      "pipeline-is-pure: oracle/pipeline/step.ts → node:sqlite",
      "pipeline-is-pure: oracle/pipeline/step.ts → oracle/store/leaf.ts",
      "protocol-is-browser-safe: oracle/protocol/spec.ts → fs",
      "protocol-is-self-contained: oracle/protocol/spec.ts → oracle/store/leaf.ts",
      "tests-start-the-service-through-its-harness: oracle/committee/member.test.ts → oracle/service/sink.ts",
      "ui-imports-nothing-of-the-app: frontend/src/ui/Note.tsx → frontend/src/page.ts",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
