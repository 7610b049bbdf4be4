import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { toFunctionSignature } from "viem";
import { ABI_MODULE, renderAbiModule } from "../../scripts/gen-abi.ts";
import { revenueSplitterAbi } from "./abi.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

test("the generated ABI module is up to date with the Hardhat artifacts (else: npm run gen:abi)", () => {
  const committed = readFileSync(join(ROOT, ABI_MODULE), "utf8");
  assert.ok(committed === renderAbiModule(ROOT), `${ABI_MODULE} is stale: run \`npx hardhat build && npm run gen:abi\``);
});

test("the splitter ABI has attest with the EIP-712 Attestation tuple", () => {
  const attest = revenueSplitterAbi.find((item) => item.type === "function" && item.name === "attest");
  assert.ok(attest && attest.type === "function");
  assert.equal(toFunctionSignature(attest), "attest((address,uint256,uint256,uint256,bytes),bytes)");
});
