import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NON_ENGLISH } from "../testset/corpus/non-english.ts";
import { englishParagraphs } from "../testset/english.ts";
import { readDecisionSet } from "./decisions/set.ts";
import { EldScorer } from "./language-eld.ts";

const { eld } = (await import("eld/medium")) as unknown as { eld: { detect(t: string): { language: string; getScores(): Record<string, number> } } };
const scorer = await EldScorer.load("medium");

/** ELD's own answer: the language, its score, every score. */
function reference(text: string) {
  const r = eld.detect(text);
  const scores = r.getScores();
  return { language: r.language, score: r.language === "" ? 0 : scores[r.language], scores: new Map(Object.entries(scores)) };
}

function assertSame(text: string, what: string): void {
  const ours = scorer.detect(text, true);
  const ref = reference(text);
  assert.equal(ours.language, ref.language, what);
  assert.equal(ours.score, ref.score, what);
  assert.deepEqual(new Map([...ours.scores!].sort()), new Map([...ref.scores].sort()), what);
}

/** Random text from the characters that exercise ELD's byte encoding and word cutting. */
function randomText(seed: number): string {
  let x = seed >>> 0 || 1;
  const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
  const alphabet = [
    "a", "e", "t", "n", "Z", " ", " ", "  ", "'", "’", "`", "-", "1", ".", "\n", "é", "ß", "ж", "ק", "ع", "中", "ひ", "한",
    "😀", "\ud83d", "\ude00", "İ", "ǅ", "ﬁ", "\u00a0", "\u2028", "x".repeat(90), "ş", "ğ",
  ];
  let s = "";
  const n = Math.floor(next() * 1400);
  while (s.length < n) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

describe("ELD's detection on typed arrays", () => {
  it("gives ELD's language and scores, bit for bit, on every labelled document and the non-English samples", () => {
    const docs = [...readDecisionSet("prose"), ...readDecisionSet("code")];
    for (const d of docs) {
      assertSame(d.text, d.id);
      assertSame(d.text.slice(500), `${d.id} from 500`);
    }
    for (const [lang, s] of Object.entries(NON_ENGLISH)) assertSame(s.join(" "), lang);
    for (const p of englishParagraphs().slice(0, 300)) assertSame(p, p.slice(0, 40));
  });

  it("gives ELD's answer on random text of surrogates, apostrophes, long words and many scripts", () => {
    for (let seed = 1; seed <= 3000; seed++) assertSame(randomText(seed), `seed ${seed}`);
    for (const t of ["", " ", "1234 5678", "a", "ab", "abc", "abcd", "abcde", "\ud800", "x\udc00y"]) assertSame(t, JSON.stringify(t));
  });
});
