import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { createNormalize, Normalize, unicodeVersions } from "./normalize.ts";

const run = (text: string, options = {}): { text: string; counts: Record<string, number> } => {
  const counts: Record<string, number> = {};
  return { text: createNormalize(options).apply(text, counts), counts };
};

/** Characters that each step cares about, mixed with ordinary ones. */
const TRICKY = ["\r", "\n", "\r\n", "\u2028", "\u2029", "\u0085", "\v", "\f", " ", "\t", "\u00a0", "\u2000", "\u2001", "\u3000", "\u1680",
  "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u0000", "\u0007", "\u007f", "\u0090", "e", "a", "\u0301", "\u0308", "\u0327",
  "é", "\u212b", "\u1100", "\u1161", "\u11a8", "가", "ﬁ", "\uf900", "x", "1", ".", "😀", "\u{1F3FD}"];
const trickyText = fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: "binary", maxLength: 3 })), { maxLength: 40 }).map((a) => a.join(""));

describe("normalize transform", () => {
  it("is named, exposes its config and the Unicode version NFC depends on", () => {
    const n = createNormalize();
    assert.equal(n.name, "normalize");
    assert.equal(n.config.unicode, process.versions.unicode);
    assert.equal(n.config.maxBlankLines, 1);
    assert.deepEqual(unicodeVersions(), { unicode: process.versions.unicode, icu: process.versions.icu });
  });

  it("turns every kind of line break into a newline and counts them", () => {
    assert.deepEqual(run("a\r\nb\rc\u2028d\u2029e\u0085f\fg\vh"), { text: "a\nb\nc\nd\ne\nf\ng\nh", counts: { line_endings: 7 } });
  });

  it("removes control characters but keeps tab and newline", () => {
    assert.deepEqual(run("a\u0000b\u0007c\td\u001be\u007f\u009ff\ng"), { text: "ab\u0007c\td\u001be\u007f\u009ff\ng".replace(/[\u0007\u001b\u007f\u009f]/g, ""), counts: { control_chars: 5 } });
  });

  it("removes zero-width space, word joiner, BOM and soft hyphen, but keeps ZWJ and ZWNJ (emoji, Persian, Indic)", () => {
    const family = "👩\u200d👩\u200d👧";
    const persian = "می\u200cخواهم";
    assert.deepEqual(run(`\ufeffzero\u200bwidth\u2060 hy\u00adphen ${family} ${persian}`), {
      text: `zerowidth hyphen ${family} ${persian}`,
      counts: { invisible_chars: 4 },
    });
  });

  it("composes to NFC (decomposed accents, Hangul jamo, the angstrom sign) and counts the document", () => {
    assert.deepEqual(run("Cafe\u0301 \u1112\u1161\u11ab \u212b"), { text: "Café 한 Å", counts: { nfc: 1 } });
    assert.deepEqual(run("Cafe\u0301", { nfc: false }).text, "Cafe\u0301");
  });

  it("maps no-break and typographic spaces to a space, but keeps the ideographic space", () => {
    assert.deepEqual(run("a\u00a0b\u2009c\u202fd\u3000e"), { text: "a b c d\u3000e", counts: { unicode_spaces: 3 } });
  });

  it("strips trailing whitespace per line, caps blank lines, trims the document", () => {
    const input = "\n  \n  indented first \t\nsecond  \n\n\n\n third\n \n\nfourth\n\n  ";
    assert.deepEqual(run(input), {
      text: "  indented first\nsecond\n\n third\n\nfourth",
      counts: { trailing_whitespace: 5, blank_lines: 3, trimmed: 1 },
    });
    assert.equal(run(input, { maxBlankLines: 0 }).text, "  indented first\nsecond\n third\nfourth");
    assert.equal(run("a\n\n\n\nb", { maxBlankLines: null }).text, "a\n\n\n\nb");
    assert.equal(run(" a \n", { trim: false, trailingWhitespace: false }).text, " a \n");
  });

  it("leaves clean text untouched and counts nothing", () => {
    for (const text of ["Plain ASCII.\n\nSecond paragraph,\twith a tab.", "Déjà vu — «quotes» 東京 😀"]) {
      assert.deepEqual(run(text), { text, counts: {} });
    }
  });

  it("is linear on a long run of spaces that is not at a line end", () => {
    const text = `a${" ".repeat(200_000)}b${"\u00a0".repeat(200_000)}c`;
    const started = performance.now();
    run(text);
    assert.ok(performance.now() - started < 500);
  });

  it("is idempotent: normalizing twice equals normalizing once (property)", () => {
    for (const options of [{}, { maxBlankLines: 0 }, { maxBlankLines: 3, trim: false }, { unicodeSpaces: false, invisibleChars: false }]) {
      const n = new Normalize(options);
      fc.assert(
        fc.property(trickyText, (text) => {
          const once = n.apply(text, {});
          const counts: Record<string, number> = {};
          assert.equal(n.apply(once, counts), once);
          assert.deepEqual(counts, {});
        }),
        { numRuns: 2000 },
      );
    }
  });

  it("gives the same result through the fast check as through every step (property)", () => {
    const ascii = fc.array(fc.constantFrom("a", "b", " ", "\t", "\n", "\r", "\u0000", "\u007f", "x."), { maxLength: 30 }).map((a) => a.join(""));
    for (const options of [{}, { maxBlankLines: 2 }, { trim: false }, { trailingWhitespace: false, maxBlankLines: null }]) {
      const n = new Normalize(options);
      fc.assert(fc.property(ascii, (text) => assert.equal(n.apply(text, {}), n.normalizeFully(text, {}))), { numRuns: 2000 });
    }
  });

  it("output never holds a character a step removes (property)", () => {
    const n = createNormalize();
    fc.assert(
      fc.property(trickyText, (text) => {
        const out = n.apply(text, {});
        assert.doesNotMatch(out, /[\r\v\f\u0085\u2028\u2029\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u200b\u2060\ufeff\u00a0\u2000-\u200a]/);
        assert.equal(out, out.normalize("NFC"));
        assert.doesNotMatch(out, /[ \t]\n|\n\n\n|^\s*\n|\s$/);
      }),
      { numRuns: 2000 },
    );
  });
});
