import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ContractFunctionRevertedError, HttpRequestError, RpcRequestError, TimeoutError } from "viem";
import { isTransientRpcError, retryAfterMs, RpcUnavailableError, withRpcRetry } from "./index.ts";

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

  it("retries a public endpoint's refusals that carry a JSON-RPC error body: HTTP 429 and 503, and rate-limit codes", () => {
    const refusal = (status: number, code: number) => new RpcRequestError({ body: {}, url: "http://x", status, error: { code, message: "the provider is busy" } });
    assert.ok(isTransientRpcError(refusal(429, 429)));
    assert.ok(isTransientRpcError(refusal(503, -32603)));
    assert.ok(isTransientRpcError(refusal(200, -32005)), "limit exceeded");
    assert.ok(isTransientRpcError(refusal(200, -32007)), "QuickNode's request limit");
    assert.ok(!isTransientRpcError(refusal(200, -32602)), "a log range over the limit is the request's fault: narrow it, do not retry");
    assert.ok(!isTransientRpcError(refusal(400, -32602)));
  });

  it("waits as long as the endpoint's Retry-After asks, even beyond its own backoff", async () => {
    const delays: number[] = [];
    let calls = 0;
    const busy = new RpcRequestError({ body: {}, url: "http://x", status: 429, headers: new Headers({ "retry-after": "1" }), error: { code: 429, message: "over 40 requests per second" } });
    const once = async () => (++calls === 1 ? Promise.reject(busy) : "ok");
    assert.equal(await withRpcRetry("eth_call", once, { baseDelayMs: 10, maxDelayMs: 40, onRetry: (i) => delays.push(i.delayMs) }), "ok");
    assert.deepEqual(delays, [1000]);
    assert.equal(retryAfterMs(new HttpRequestError({ url: "http://x", status: 503, headers: new Headers({ "retry-after": new Date(Date.UTC(2030, 0, 1, 0, 0, 2)).toUTCString() }) }), Date.UTC(2030, 0, 1)), 2000);
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
