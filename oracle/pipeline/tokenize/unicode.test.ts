// Every code point, in contexts that expose its class, counts like tiktoken: this is what pins
// the Unicode 16 classes. Default: the BMP plus every code point where this Node's \p{…}
// differs from Unicode 16; TOKENIZE_ALL_CODE_POINTS=1 adds all supplementary planes (~1 min).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTokenCounter } from "./counter.ts";
import { ENCODINGS } from "./ranks.ts";
import { referenceCount } from "./reference.test-helper.ts";
import { computeCorrection, correctionFor, TABLES, type ClassName } from "./unicode-classes.ts";

const ALL = process.env.TOKENIZE_ALL_CODE_POINTS === "1";

function expand(list: string): number[] {
  if (list === "") return [];
  return list.split(",").flatMap((r) => {
    const [a, b] = r.split("-").map((x) => parseInt(x, 16));
    return Array.from({ length: (b ?? a) - a + 1 }, (_, k) => a + k);
  });
}

function codePoints(): number[] {
  const set = new Set<number>();
  const end = ALL ? 0x110000 : 0x10000;
  for (let c = 0; c < end; c++) if (c < 0xd800 || c >= 0xe000) set.add(c);
  for (const name of Object.keys(TABLES) as ClassName[]) {
    const { extra, missing } = correctionFor(name);
    for (const c of [...expand(extra), ...expand(missing)]) set.add(c);
  }
  return [...set].sort((a, b) => a - b);
}

const context = (c: string) => `a${c}b ${c}${c}A 1${c}2 ${c}'s\n${c} A${c}a `;

for (const encoding of ENCODINGS) {
  describe(`${encoding}: every code point`, () => {
    it(`counts like tiktoken in letter, digit, space and contraction contexts${ALL ? " (all planes)" : ""}`, () => {
      const counter = createTokenCounter(encoding);
      const cps = codePoints();
      const bad: string[] = [];
      for (let i = 0; i < cps.length; i += 64) {
        const block = cps.slice(i, i + 64);
        const text = block.map((c) => context(String.fromCodePoint(c))).join("");
        if (counter.count(text) === referenceCount(encoding, text)) continue;
        for (const c of block) {
          const t = context(String.fromCodePoint(c));
          if (counter.count(t) !== referenceCount(encoding, t)) bad.push(c.toString(16));
        }
      }
      assert.deepEqual(bad, []);
    });
  });
}

describe("Unicode 16 class corrections", () => {
  it("stored for this Node's Unicode version equal a fresh computation", { skip: !ALL && "slow; TOKENIZE_ALL_CODE_POINTS=1" }, () => {
    for (const name of Object.keys(TABLES) as ClassName[]) {
      assert.deepEqual(correctionFor(name), computeCorrection(name), name);
    }
  });
});
