import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { createTokenCounter } from "./counter.ts";
import { ENCODINGS } from "./ranks.ts";
import { referenceCount, referenceEncodeNoSpecials } from "./reference.test-helper.ts";

const require = createRequire(import.meta.url);

const GPL = readFileSync(require.resolve("typescript/LICENSE.txt"), "utf8");

const CASES: Record<string, string> = {
  "English prose": "The quick brown fox jumps over the lazy dog. It's 5 o'clock somewhere; isn't it?\n\nNew paragraph.",
  "a licence text": GPL,
  code: 'export function f(x: number): number {\n\treturn x ** 2; // square\n}\n\nconst url = "https://example.org/a/b?c=1&d=2";\nif (a && b || !c) { arr[i++] = {k: v}; }\n#include <stdio.h>\nint main(){printf("%d\\n", 42);}\n',
  "Chinese and Japanese": "自然语言处理是人工智能的一个分支。日本語のテキストも含みます。カタカナ、ひらがな。",
  Arabic: "مرحبا بالعالم، هذه جملة عربية للاختبار. ١٢٣٤٥٦",
  Devanagari: "नमस्ते दुनिया, यह एक परीक्षण वाक्य है। १२३",
  "Korean, Thai, Cyrillic, Greek": "안녕하세요 세계 สวัสดีชาวโลก Привет, мир! Καλημέρα κόσμε",
  "emoji with ZWJ sequences and skin tones": "👩🏽‍💻 👨‍👩‍👧‍👦 🏳️‍🌈 👍🏿👍🏻 🇩🇪🇯🇵 ❤️‍🔥 a😀b",
  numbers: "1 12 123 1234 12345 3.14159 -42 1,000,000 1e10 0xFF ²³ ½ Ⅻ ٣٤ 123abc abc123",
  "long whitespace runs": `a${" ".repeat(100)}b\n${"\t".repeat(50)}c${" ".repeat(30)}\n\n\n${" \n".repeat(20)}   \r\n\r\n  end   `,
  "whitespace only": "   \n\t  \r\n  ",
  "contractions in all cases": "it's IT'S It'S we're WE'RE we'Re they've THEY'VE I'm I'M we'll WE'LL we'lL he'd HE'D 's 'S 're 'LL",
  "U+017F long s in contractions": "it'ſ IT'ſ 'ſ ſ'ſ Teſt'ſ 'ſs",
  "U+0085 next line": "a\u0085b \u0085\u0085 x\u0085\ny \u0085",
  "U+FEFF byte order mark": "\uFEFFhello \uFEFF world\uFEFF\uFEFF 1\uFEFF2",
  "NBSP and other Unicode spaces": "a\u00A0b\u00A0\u00A0c \u2000\u2001\u2002\u2003\u2009\u200A\u202F\u205F\u3000d\u1680e\u2028f\u2029g  \u00A0x",
  "lone surrogates": "a\uD800b \uDC00c \uD83D \uDE00 x\uD83D\uDE00\uD83Dy\uDFFF",
  "<|endoftext|> as plain text": "Hello <|endoftext|> world <|endofprompt|><|fim_prefix|><|im_start|>",
  "very long words": `${"a".repeat(10000)} ${"Supercalifragilistic".repeat(300)} ${"xy".repeat(4000)}Z ${"の".repeat(3000)}`,
  "a long run of one punctuation mark": `${"-".repeat(5000)}\n${"=".repeat(3000)}/${"!?".repeat(2000)}`,
  "Unicode 17 characters tiktoken does not know": "\u{10940}\u{10941} a\u{1E6C0}b \u{323B0}\u{323B1} \u0295x \u{11DE0}1",
  "empty text": "",
};

for (const encoding of ENCODINGS) {
  describe(`${encoding}: counts equal tiktoken's`, () => {
    const counter = createTokenCounter(encoding);
    for (const [name, text] of Object.entries(CASES)) {
      it(`on ${name}`, () => {
        assert.equal(counter.count(text), referenceCount(encoding, text));
      });
    }

    it("on a 1 MB single-line document", () => {
      const words = GPL.replace(/\s+/g, " ").split(" ");
      let doc = "";
      for (let i = 0; doc.length < 1 << 20; i++) doc += `${words[i % words.length]}${i % 17 === 0 ? "," : ""} `;
      assert.equal(counter.count(doc), referenceCount(encoding, doc));
    });

    // tiktoken's merge is quadratic in a piece's length (a 100 kB word takes it ~15 s, a 1 MB
    // one fails), so its longest comparable word is short; the heap merge's own tests go further.
    it("on a 20 kB word without spaces (heap merge)", () => {
      const word = "abcdefghij".repeat(2_000);
      assert.equal(counter.count(word), referenceCount(encoding, word));
    });

    it("with a tiny cache (2 entries) and with none", () => {
      const text = Object.values(CASES).join("\n");
      for (const cacheEntries of [0, 1, 2]) {
        const tiny = createTokenCounter(encoding, { cacheEntries });
        assert.equal(tiny.count(text), referenceCount(encoding, text));
        assert.equal(tiny.count(text), referenceCount(encoding, text));
      }
    });

    it("gives the same count as tiktoken's encode(text, [], [])", () => {
      const text = CASES["<|endoftext|> as plain text"];
      assert.equal(referenceEncodeNoSpecials(encoding, text), referenceCount(encoding, text));
      assert.equal(counter.count(text), referenceEncodeNoSpecials(encoding, text));
    });

    it("names its rank source and version", () => {
      const pkg = JSON.parse(readFileSync(require.resolve("tiktoken").replace(/tiktoken\.cjs$/, "package.json"), "utf8"));
      assert.deepEqual(counter.library, { name: "tiktoken", version: pkg.version });
      assert.equal(counter.encoding, encoding);
    });
  });
}

describe("createTokenCounter", () => {
  it("refuses an unknown encoding and a bad cache size", () => {
    assert.throws(() => createTokenCounter("p50k_base" as never), /unknown encoding/);
    assert.throws(() => createTokenCounter("o200k_base", { cacheEntries: -1 }), /cacheEntries/);
  });

  it("keeps the cache within its size", () => {
    const counter = createTokenCounter("o200k_base", { cacheEntries: 8 });
    counter.count(GPL);
    const { hits, misses } = counter.stats();
    assert.ok(misses > 8 && hits > 0);
  });
});
