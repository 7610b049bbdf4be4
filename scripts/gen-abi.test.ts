// The committed ABI module (oracle/protocol/abi.ts) against the contracts it is generated from.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ABI_MODULE, renderAbiModule } from "./gen-abi.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

test("the generated ABI module is up to date with the Hardhat artifacts (else: npm run gen:abi)", () => {
  const committed = readFileSync(join(ROOT, ABI_MODULE), "utf8");
  assert.ok(committed === renderAbiModule(ROOT), `${ABI_MODULE} is stale: run \`npx hardhat build && npm run gen:abi\``);
});
