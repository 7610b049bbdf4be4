import { describe, expect, it } from "vitest";
import * as generated from "./generated.ts";
import * as shared from "../../../oracle/protocol/abi.ts";

// Two generators read the same Hardhat artifacts: the wagmi CLI (typed hooks for the dApp) and
// scripts/gen-abi.ts (the ABIs the oracle and the audit use). A stale file in either shows here.
describe("generated contract hooks", () => {
  it("carry the same ABIs as oracle/protocol/abi.ts", () => {
    expect(generated.revenueSplitterAbi).toEqual(shared.revenueSplitterAbi);
    expect(generated.revenueSplitterFactoryAbi).toEqual(shared.revenueSplitterFactoryAbi);
    expect(generated.readerKeyRegistryAbi).toEqual(shared.readerKeyRegistryAbi);
  });

  it("offer nothing for the test token: a program's asset is any ERC-20, read with viem's erc20Abi", () => {
    expect(Object.keys(generated).filter((name) => /testusd/i.test(name))).toEqual([]);
  });
});
