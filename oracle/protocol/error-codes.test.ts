import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ERROR_CODES, meaningOf } from "./error-codes.ts";
import { OneTTError } from "./errors.ts";

describe("error codes", () => {
  it("says, for every code, an HTTP error status and an exit code of 2 for what the user fixes or 1 otherwise", () => {
    for (const [code, { status, exit }] of Object.entries(ERROR_CODES)) {
      assert.ok(status >= 400 && status < 600, `${code}: ${status}`);
      assert.ok(exit === 1 || exit === 2, `${code}: ${exit}`);
      assert.match(code, /^[a-z]+(_[a-z]+)*$/, "codes are snake_case words, stable for programs");
    }
    assert.deepEqual(meaningOf("usage"), { status: 400, exit: 2 });
    assert.deepEqual(meaningOf("store_unavailable"), { status: 503, exit: 1 });
  });

  it("treats a code it does not know, or none, as an internal failure", () => {
    assert.deepEqual(meaningOf("no_such_code"), ERROR_CODES.internal);
    assert.deepEqual(meaningOf("toString"), ERROR_CODES.internal);
    assert.deepEqual(meaningOf(undefined), ERROR_CODES.internal);
  });

  it("gives every error of the project a code: its own, or internal", () => {
    assert.equal(new OneTTError("broken").code, "internal");
    const e = new OneTTError("--out is required", { code: "usage", hint: "Give a folder." });
    assert.equal(e.code, "usage");
    assert.equal(e.shortMessage, "--out is required");
    assert.equal(e.message, "--out is required\nWhat to do: Give a folder.");
  });
});
