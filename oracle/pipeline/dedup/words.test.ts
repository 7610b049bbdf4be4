import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { words } from "./words.ts";
import { Fingerprinter } from "./fingerprint.ts";

/** The word hash the fingerprint uses, computed from a folded word string. */
function hashFolded(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x9e3779b1);
  return h >>> 0;
}

describe("word splitter", () => {
  it("lowercases, and splits on spaces, punctuation and symbols", () => {
    assert.deepEqual(words("Hello, WORLD!  It's 3.14 -- fine\t\nok"), ["hello", "world", "it", "s", "3", "14", "fine", "ok"]);
  });

  it("keeps numbers as words, digits unchanged", () => {
    assert.deepEqual(words("page 12 of 2024"), ["page", "12", "of", "2024"]);
  });

  it("folds accents, full-width letters, ligatures and final sigma", () => {
    assert.deepEqual(words("Café naïve ＡＢＣ ﬁne"), ["cafe", "naive", "abc", "fine"]);
    const [upper, lower] = words("ΟΔΟΣ οδος");
    assert.equal(upper, lower);
  });

  it("folds Cyrillic and Greek look-alikes (TR39 confusables) to the Latin letters they imitate, in any case", () => {
    assert.deepEqual(words("Тhе quісk brоwn fоx ТЕХТ"), ["the", "quick", "brown", "fox", "text"]);
    assert.deepEqual(words("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"), words("ABEZHIKMNOPTYX"));
  });

  it("drops invisible characters without splitting the word", () => {
    assert.deepEqual(words("co\u200Bpy pa\u2060ste hid\u3164den va\uFE0Friant"), ["copy", "paste", "hidden", "variant"]);
  });

  it("treats decomposed and precomposed accents alike", () => {
    assert.deepEqual(words("cafe\u0301"), words("caf\u00e9"));
  });

  it("drops soft hyphens and zero-width joiners without splitting the word", () => {
    assert.deepEqual(words("co\u00adoperate zero\u200dwidth"), ["cooperate", "zerowidth"]);
  });

  it("makes each character of Chinese, Japanese or Thai script a word", () => {
    assert.deepEqual(words("東京は晴れ。"), ["東", "京", "は", "晴", "れ"]);
    assert.deepEqual(words("abc東def"), ["abc", "東", "def"]);
  });

  it("handles letters above U+FFFF and ends words at emoji and lone surrogates", () => {
    assert.deepEqual(words("𝐀𝐁c😀d\ud800e"), ["abc", "d", "e"]);
  });

  it("returns no words for text without letters or numbers", () => {
    assert.deepEqual(words(" -- !! ... \n"), []);
  });

  it("agrees with the fingerprint's fast scan on arbitrary strings", () => {
    const f = new Fingerprinter();
    const tricky = fc.constantFrom(
      "a", "Z", "é", "e\u0301", " ", ".", "'", "\u00ad", "\u200d", "ß", "İ", "Σ", "ς", "ﬁ", "Ａ", "東", "は", "ไ", "😀",
      "𝐀", "\ud800", "\udc00", "1", "²", "¼", "\n", "ǅ", "ﬀ", "Ⅻ",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(tricky, fc.string({ unit: "grapheme" })), { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        assert.deepEqual(f.wordHashes(text), words(text).map(hashFolded));
      }),
      { numRuns: 500 },
    );
  });
});
