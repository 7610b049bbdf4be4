// Property tests: long runs of every Unicode class are counted exactly like tiktoken, and no run up
// to the reader's limit makes the counter fail with anything but a refusal naming the run.
// Runs at the reader's limit take a second or two each: by default only a sample of classes gets
// one; LONG_RUNS=1 gives one to every class.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { DEFAULT_MAX_DOCUMENT_BYTES } from "../read/options.ts";
import { createTokenCounter, MAX_PIECE_BYTES, PieceTooLongError } from "./counter.ts";
import { referenceCount } from "./reference.test-helper.ts";

/** Characters of one class each; a run repeats them in random order. */
const CLASSES: Record<string, string[]> = {
  "Latin lower-case letters": [..."abcdefghijklmnopqrstuvwxyz"],
  "letters of mixed case": [..."aBcDeFgHǅǈ"],
  "Cyrillic and Greek letters": [..."жЖщЩλΛωΩ"],
  "letters with combining marks": ["e\u0301", "a\u0308", "\u0915\u094D", "o\u20DD", "i\u0903"],
  "combining marks alone": ["\u0301", "\u0308", "\u094D", "\u20DD", "\u0903", "\u1AB0"],
  "modifier and other letters": [..."ʰᵃ々ーªº"],
  digits: [..."0123456789٣٤²½"],
  punctuation: [..."!?.,;:-_/\\()[]{}<>|=+*#@$%^&~\"'"],
  "white space": [" ", "\t", "\u00A0", "\u2000", "\u3000", "\u0085"],
  "white space with line breaks": [" ", "\n", "\r\n", "\t", "\u2028"],
  CJK: [..."中文字の日本語한국어"],
  emoji: ["😀", "👍🏽", "👩\u200D💻", "🇩🇪", "❤\uFE0F", "🏳"],
  mixed: [..."aZ9 !\n中😀ж\u0301ʰ\u00A0'sſ", "\uFEFF", "\u200B"],
};

const runOf = (units: string[]) =>
  fc.array(fc.constantFrom(...units), { minLength: 200, maxLength: 2500 }).map((parts) => parts.join(""));

/** `units` repeated in a fixed order until the run has at least `bytes` UTF-8 bytes. */
function runOfBytes(units: string[], bytes: number): string {
  const cycle = units.join("");
  const times = Math.ceil(bytes / Buffer.byteLength(cycle));
  return cycle.repeat(times);
}

describe("long runs of every Unicode class", () => {
  const counter = createTokenCounter("o200k_base");

  for (const [name, units] of Object.entries(CLASSES)) {
    it(`counts runs of ${name} like tiktoken`, () => {
      fc.assert(
        fc.property(runOf(units), fc.constantFrom("", "x", " ", "\n"), (run, edge) => {
          const text = edge + run + edge;
          assert.equal(counter.count(text), referenceCount("o200k_base", text));
        }),
        { numRuns: 6 },
      );
    });
  }

  const AT_LIMIT_BY_DEFAULT = new Set(["digits", "white space", "emoji", "mixed"]);
  for (const [name, units] of Object.entries(CLASSES)) {
    const atLimit = process.env.LONG_RUNS || AT_LIMIT_BY_DEFAULT.has(name);
    for (const bytes of atLimit ? [1 << 20, DEFAULT_MAX_DOCUMENT_BYTES] : [1 << 20]) {
      it(`counts or refuses with the run's size a ${bytes >> 20} MiB run of ${name}`, () => {
        const text = runOfBytes(units, bytes);
        try {
          const tokens = counter.count(text);
          assert.ok(tokens > 0 && tokens <= Buffer.byteLength(text));
        } catch (e) {
          assert.ok(e instanceof PieceTooLongError, String(e));
          assert.ok(e.bytes > MAX_PIECE_BYTES);
          assert.match(e.message, /a single run of \d+ bytes/);
        }
      });
    }
  }

  it("refuses a run of one letter at the reader's limit, naming the run's size", () => {
    const text = "ж".repeat(DEFAULT_MAX_DOCUMENT_BYTES / 2);
    assert.throws(() => counter.count(text), (e) => e instanceof PieceTooLongError && e.bytes === DEFAULT_MAX_DOCUMENT_BYTES);
  });
});
