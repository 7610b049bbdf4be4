// .env.example stays true: it names every variable the code's configuration readers read (the
// oracle, a committee node and the CLI, npm start, the dApp's build, Hardhat), nothing else, and
// where the code states a default, the same default.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";

const ROOT = resolve(import.meta.dirname, "..");
const inDir = (dir: string) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).map((f) => join(dir, f));
/** The modules that read configuration from the environment. */
const READERS = [
  "oracle/service/config.ts",
  "oracle/service/program-from-env.ts",
  "oracle/attest/keystore.ts",
  ...inDir("oracle/cli"),
  ...inDir("scripts/start"),
  "indexer/settings.ts",
  "indexer/launch.ts",
  "indexer/main.ts",
  "frontend/src/config.ts",
  "frontend/src/env.d.ts",
  "frontend/vite.config.ts",
  "hardhat.config.ts",
];
const sources = READERS.map((f) => ({ file: f, text: readFileSync(join(ROOT, f), "utf8") }));

const NAME = "[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+";
/** Every variable the readers name: env.X, env["X"], a "X" literal, and the keys a prefix of loadAccountFromEnv stands for. */
function variablesInCode(): Set<string> {
  const found = new Set<string>();
  const accountSuffixes = [...sources.find((s) => s.file.endsWith("keystore.ts"))!.text.matchAll(/env\[`\$\{prefix\}_([A-Z_]+)`\]/g)].map((m) => m[1]!);
  for (const { text } of sources) {
    for (const m of text.matchAll(new RegExp(`(?:process\\.env|import\\.meta\\.env|\\benv)\\.(${NAME})|["'\`](${NAME})["'\`]|readonly (${NAME})\\?:`, "g"))) found.add((m[1] ?? m[2] ?? m[3])!);
    for (const m of text.matchAll(new RegExp(`loadAccountFromEnv\\("(${NAME})"`, "g"))) {
      found.delete(m[1]!);
      for (const suffix of accountSuffixes) found.add(`${m[1]}_${suffix}`);
    }
  }
  // A key's suffix written alone ("PRIVATE_KEY") is part of a name, not one.
  for (const suffix of accountSuffixes) found.delete(suffix);
  return found;
}

/** NAME → value ("" when the line is commented out: the default is the code's). */
function variablesInExample(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync(join(ROOT, ".env.example"), "utf8").split("\n")) {
    const m = new RegExp(`^(#\\s*)?(${NAME})=(\\S*)`).exec(line);
    if (!m) continue;
    assert.ok(!out.has(m[2]!), `${m[2]} is listed twice in .env.example`);
    out.set(m[2]!, m[1] ? "" : m[3]!);
  }
  return out;
}

describe(".env.example", () => {
  const code = variablesInCode();
  const example = variablesInExample();

  it("lists every variable the code reads", () => {
    assert.deepEqual([...code].filter((n) => !example.has(n)).sort(), []);
  });

  it("lists no variable the code does not read", () => {
    assert.deepEqual([...example.keys()].filter((n) => !code.has(n)).sort(), []);
  });

  it("gives the defaults the code gives", () => {
    const stated = new Map<string, string>();
    const documented = new Map<string, string>();
    for (const { text } of sources) {
      // `env.X ?? 256`, `env.X || "http://…"`, and the oracle's documentation "(default 8787; …)",
      // which wins over a value npm start hands its own oracle.
      for (const m of text.matchAll(new RegExp(`\\benv\\.(${NAME})(?:\\?\\.trim\\(\\))? (?:\\?\\?|\\|\\|) (?:"([^"]*)"|([\\d_]+)\\b)`, "g"))) stated.set(m[1]!, m[2] ?? m[3]!.replaceAll("_", ""));
      for (const m of text.matchAll(new RegExp(`\\["(${NAME})", "[^"]*\\(default ([^\\s;,)]+)`, "g"))) documented.set(m[1]!, m[2]!);
    }
    for (const [name, value] of documented) stated.set(name, value);
    const differ = [...stated].filter(([name, value]) => example.get(name) && example.get(name) !== value).map(([name, value]) => `${name}: code ${value}, .env.example ${example.get(name)}`);
    assert.deepEqual(differ, []);
    assert.ok(stated.size >= 20, `defaults found in the code: ${stated.size}`);
  });
});
