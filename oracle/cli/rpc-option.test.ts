import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkRpcOption } from "./rpc-option.ts";
import { UsageError } from "./usage.ts";

describe("--rpc", () => {
  it("takes one http(s) URL or several separated by commas", () => {
    assert.equal(checkRpcOption("https://rpc.example"), "https://rpc.example");
    assert.equal(checkRpcOption("https://a.example, http://127.0.0.1:8545"), "https://a.example, http://127.0.0.1:8545");
  });

  it("refuses a list with anything else in it as a usage error naming the entry", () => {
    assert.throws(() => checkRpcOption("https://a.example,wss://b.example"), (e: unknown) => e instanceof UsageError && /"wss:\/\/b\.example" is not an http\(s\) URL/.test(e.message));
    assert.throws(() => checkRpcOption("https://a.example,nonsense"), /"nonsense" is not a URL/);
    assert.throws(() => checkRpcOption(" , "), /no URL in it/);
  });
});
