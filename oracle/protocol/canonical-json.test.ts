import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { canonicalJson, canonicalJsonBytes, NotJsonError } from "./canonical-json.ts";

const fromBits = (hex: string) => new DataView(new BigUint64Array([BigInt(`0x${hex}`)]).buffer).getFloat64(0, true);

describe("canonical JSON (RFC 8785)", () => {
  it("writes the RFC's example (section 3.2.2): sorted members, no whitespace, shortest numbers, minimal escapes", () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    assert.equal(canonicalJson(input), '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it("sorts members by the UTF-16 code units of their names (section 3.2.3)", () => {
    const input = { "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis" };
    // Read from the text: JSON.parse would put the integer-like name "1" first again.
    const order = [...canonicalJson(input).matchAll(/"([^"]*)":"([^"]*)"/g)].map((m) => m[2]);
    assert.deepEqual(order, ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"]);
  });

  it("encodes as UTF-8 (section 3.2.4)", () => {
    assert.deepEqual([...canonicalJsonBytes({ "\u20ac": "\u00f6" })], [0x7b, 0x22, 0xe2, 0x82, 0xac, 0x22, 0x3a, 0x22, 0xc3, 0xb6, 0x22, 0x7d]);
  });

  it("writes every number of the RFC's Appendix B as it lists it", () => {
    const vectors: [string, string][] = [
      ["0000000000000000", "0"], ["8000000000000000", "0"], ["0000000000000001", "5e-324"], ["8000000000000001", "-5e-324"],
      ["7fefffffffffffff", "1.7976931348623157e+308"], ["ffefffffffffffff", "-1.7976931348623157e+308"],
      ["4340000000000000", "9007199254740992"], ["c340000000000000", "-9007199254740992"], ["4430000000000000", "295147905179352830000"],
      ["44b52d02c7e14af5", "9.999999999999997e+22"], ["44b52d02c7e14af6", "1e+23"], ["44b52d02c7e14af7", "1.0000000000000001e+23"],
      ["444b1ae4d6e2ef4e", "999999999999999700000"], ["444b1ae4d6e2ef4f", "999999999999999900000"], ["444b1ae4d6e2ef50", "1e+21"],
      ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"], ["3eb0c6f7a0b5ed8d", "0.000001"],
      ["41b3de4355555553", "333333333.3333332"], ["41b3de4355555554", "333333333.33333325"], ["41b3de4355555555", "333333333.3333333"],
      ["41b3de4355555556", "333333333.3333334"], ["41b3de4355555557", "333333333.33333343"],
      ["becbf647612f3696", "-0.0000033333333333333333"], ["43143ff3c1cb0959", "1424953923781206.2"],
    ];
    for (const [bits, text] of vectors) assert.equal(canonicalJson(fromBits(bits)), text, `IEEE 754 ${bits}`);
  });

  it("refuses what JSON cannot hold (the RFC's NaN and Infinity), naming where it is, instead of writing something else", () => {
    for (const bits of ["7fffffffffffffff", "7ff0000000000000"]) assert.throws(() => canonicalJson({ n: fromBits(bits) }, "report"), NotJsonError);
    assert.throws(() => canonicalJson({ tokens: { out: Number.NaN } }, "report"), /report\.tokens\.out is NaN/);
    assert.throws(() => canonicalJson([1, undefined]), /value\[1\] is undefined/);
    assert.throws(() => canonicalJson({ big: 10n }), /decimal strings/);
    assert.throws(() => canonicalJson({ f: () => 1 }), /value\.f is a function/);
  });

  it("leaves out undefined members and honours toJSON, as JSON.stringify does", () => {
    assert.equal(canonicalJson({ b: undefined, a: new Date(0) }), '{"a":"1970-01-01T00:00:00.000Z"}');
  });

  // The encoders every report, manifest, key envelope and pipeline id was hashed with before this
  // one agreed with each other, and with it, on every value JSON can hold: so no stored report or
  // manifest changes its bytes, and no pipeline id changes.
  it("gives the bytes the earlier encoders gave for every JSON value, and reads back the same value", () => {
    const earlier = (value: unknown): string => {
      if (value === null || typeof value !== "object") return JSON.stringify(value);
      if (Array.isArray(value)) return `[${value.map(earlier).join(",")}]`;
      const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${earlier(v)}`).join(",")}}`;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        assert.equal(text, earlier(value));
        assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});
