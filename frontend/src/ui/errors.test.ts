import { describe, expect, it } from "vitest";
import { ContractFunctionExecutionError, ContractFunctionRevertedError, encodeErrorResult, HttpRequestError, UserRejectedRequestError } from "viem";
import { revenueSplitterAbi } from "../chain/generated.ts";
import { explainError } from "./errors.ts";

describe("explained errors", () => {
  it("says a declined signature sent nothing", () => {
    const e = explainError(new UserRejectedRequestError(new Error("User rejected the request.")));
    expect(e.title).toMatch(/declined/);
    expect(e.action).toMatch(/Nothing was signed or sent/);
  });
  it("names a contract refusal and the way forward", () => {
    const who = "0x000000000000000000000000000000000000dEaD";
    const data = encodeErrorResult({ abi: revenueSplitterAbi, errorName: "NothingToClaim", args: [who] });
    const reverted = new ContractFunctionRevertedError({ abi: revenueSplitterAbi, functionName: "claim", data });
    const wrapped = new ContractFunctionExecutionError(reverted, { abi: revenueSplitterAbi, functionName: "claim", args: [who], contractAddress: who });
    const e = explainError(wrapped);
    expect(reverted.data?.errorName ?? "unknown").toBe("NothingToClaim");
    expect(e.title).toBe("Nothing to claim yet.");
  });
  it("tells an RPC that is down from the rest", () => {
    const e = explainError(new HttpRequestError({ url: "http://127.0.0.1:1", details: "fetch failed" }), { rpcUrl: "http://127.0.0.1:1" });
    expect(e.title).toMatch(/does not answer/);
    expect(e.action).toContain("http://127.0.0.1:1");
  });
  it("never shows a stack, only one line", () => {
    const e = explainError(new Error("boom\n    at x (y.js:1:1)"));
    expect(e.detail).toBe("boom");
  });
});
