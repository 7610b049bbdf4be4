import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ContractFunctionRevertedError, HttpRequestError, TimeoutError } from "viem";
import { isTransientRpcError, RpcUnavailableError, withRpcRetry } from "./index.ts";

const revertedAbi = [{ type: "function", name: "attest", inputs: [], outputs: [], stateMutability: "nonpayable" }] as const;

describe("RPC retries", () => {
  it("retries what the endpoint got wrong, not what the request got wrong", () => {
    const refused = new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }) });
    assert.ok(isTransientRpcError(new HttpRequestError({ url: "http://x", cause: refused })));
    assert.ok(isTransientRpcError(new HttpRequestError({ url: "http://x", status: 503 })));
    assert.ok(isTransientRpcError(new HttpRequestError({ url: "http://x", status: 429 })));
    assert.ok(isTransientRpcError(new TimeoutError({ body: {}, url: "http://x" })));
    assert.ok(isTransientRpcError(refused));
    assert.ok(!isTransientRpcError(new HttpRequestError({ url: "http://x", status: 400 })));
    assert.ok(!isTransientRpcError(new ContractFunctionRevertedError({ abi: revertedAbi, functionName: "attest" })));
    assert.ok(!isTransientRpcError(new Error("invalid params")));
  });

  it("backs off exponentially with full jitter and gives up with a typed error", async () => {
    const delays: number[] = [];
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new HttpRequestError({ url: "http://x", status: 502 }));
    };
    const err = await withRpcRetry("eth_call", failing, { attempts: 5, baseDelayMs: 10, maxDelayMs: 40, random: () => 0.999, onRetry: (i) => delays.push(i.delayMs) }).catch((e: unknown) => e);
    assert.ok(err instanceof RpcUnavailableError);
    assert.equal(err.attempts, 5);
    assert.equal(calls, 5);
    assert.deepEqual(delays, [9, 19, 39, 39]);
    assert.match(err.message, /eth_call failed 5 times/);
  });

  it("returns at once on success after failures, and never retries a request error", async () => {
    let calls = 0;
    const flaky = async () => (++calls < 3 ? Promise.reject(new TimeoutError({ body: {}, url: "http://x" })) : "ok");
    assert.equal(await withRpcRetry("x", flaky, { baseDelayMs: 1 }), "ok");
    assert.equal(calls, 3);
    calls = 0;
    await assert.rejects(withRpcRetry("x", async () => { calls++; throw new Error("execution reverted"); }, { baseDelayMs: 1 }), /execution reverted/);
    assert.equal(calls, 1);
  });
});
