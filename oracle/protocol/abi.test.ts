import { test } from "node:test";
import assert from "node:assert/strict";
import { toFunctionSignature } from "viem";
import { revenueSplitterAbi } from "./abi.ts";

test("the splitter ABI has attest with the EIP-712 Attestation tuple", () => {
  const attest = revenueSplitterAbi.find((item) => item.type === "function" && item.name === "attest");
  assert.ok(attest && attest.type === "function");
  assert.equal(toFunctionSignature(attest), "attest((address,uint256,uint256,uint256,bytes),bytes)");
});
