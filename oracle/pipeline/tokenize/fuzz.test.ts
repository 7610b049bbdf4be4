// Property tests: random strings of the characters where tokenizers disagree most.
// FUZZ_RUNS raises the number of cases (default keeps the run to a few seconds).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { countPieceBytes, MergeScratch } from "./bpe.ts";
import { createTokenCounter } from "./counter.ts";
import { asciiPieceEnd, pieceRegex } from "./pretokenize.ts";
import { PieceScanner } from "./scan.ts";
import { ENCODINGS, loadRanks } from "./ranks.ts";
import { referenceCount } from "./reference.test-helper.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);

const TRICKY = [
  ..."aAzZsStTrReEvVmMlLdD'''ſ0189 \t\n\r\v\f!?.,;:-_/\\()[]{}<>|=+*#@$%^&~`\"",
  "\u0085", "\uFEFF", "\u00A0", "\u1680", "\u2000", "\u200A", "\u2028", "\u2029", "\u202F", "\u205F", "\u3000",
  "\u200B", "\u200D", "\u00AD", "\u0301", "\u0308", "\u094D", "\u0BCD",
  "é", "É", "ß", "ǅ", "ʰ", "ª", "µ", "İ", "ı", "K", "Å", "Ω", "ǈ", "\u0295", "々", "ー", "ᵃ", "\u0903", "\u20DD", "\u1AB0",
  "中", "文", "の", "カ", "한", "ไ", "م", "ع", "ह", "ि", "ж", "Ж", "λ", "Λ",
  "١", "٣", "²", "½", "Ⅻ", "𝟘", "〇",
  "😀", "👍", "🏽", "🏿", "👩", "💻", "🇩", "🇪", "❤", "\uFE0F", "🏳",
  "\uD800", "\uDBFF", "\uDC00", "\uDFFF",
  "\u{10940}", "\u{1E6C0}", "\u{323B0}", "\u{11DE0}", "\u{10D40}", "\u{16100}",
  "<|endoftext|>", "'s", "'LL", "'ſ", "http://", "    ", "\r\n", " \n ",
];

const trickyString = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TRICKY) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) }), {
    maxLength: 40,
  })
  .map((parts) => parts.join(""));

for (const encoding of ENCODINGS) {
  describe(`${encoding}: random tricky strings`, () => {
    const counter = createTokenCounter(encoding);
    const tiny = createTokenCounter(encoding, { cacheEntries: 3 });

    it(`count like tiktoken (${RUNS} cases)`, () => {
      fc.assert(
        fc.property(trickyString, (text) => {
          const expected = referenceCount(encoding, text);
          assert.equal(counter.count(text), expected);
          assert.equal(tiny.count(text), expected);
        }),
        { numRuns: RUNS },
      );
    });

    it(`split like the regex: the ASCII scanner where it decides, the code point scanner everywhere (${RUNS * 4} cases)`, () => {
      const re = pieceRegex(encoding);
      const o200k = encoding === "o200k_base";
      const scanner = new PieceScanner(o200k);
      fc.assert(
        fc.property(trickyString, (raw) => {
          const text = raw.toWellFormed();
          for (let start = 0; start < text.length; ) {
            re.lastIndex = start;
            assert.ok(re.test(text));
            const end = asciiPieceEnd(text, start, text.length, o200k);
            if (end >= 0) assert.equal(end, re.lastIndex, `piece at ${start} of ${JSON.stringify(text)}`);
            assert.equal(scanner.end(text, start), re.lastIndex, `scanned piece at ${start} of ${JSON.stringify(text)}`);
            start = re.lastIndex;
          }
        }),
        { numRuns: RUNS * 4 },
      );
    });

    it("merge the same with the heap as with the scan", () => {
      const ranks = loadRanks(encoding);
      const scratch = new MergeScratch();
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 2, maxLength: 300 }), fc.constantFrom(..."abcdefghij e"), (noise, letter) => {
          const bytes = new Uint8Array(noise.length * 2);
          for (let i = 0; i < noise.length; i++) {
            bytes[2 * i] = noise[i] % 3 === 0 ? noise[i] : letter.charCodeAt(0);
            bytes[2 * i + 1] = 97 + (noise[i] % 26);
          }
          const scan = countPieceBytes(ranks, bytes, bytes.length, scratch, Infinity);
          const heap = countPieceBytes(ranks, bytes, bytes.length, scratch, 0);
          assert.equal(heap, scan);
        }),
        { numRuns: Math.ceil(RUNS / 5) },
      );
    });
  });
}
