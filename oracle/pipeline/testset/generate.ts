// The labelled test set: deterministic (seeded), generated from real English prose in
// node_modules (english.ts), committed non-English samples and boilerplate phrases (corpus/).
// See README.md in this folder for the recipe of each label.

import { writeFileSync } from "node:fs";
import { COOKIE_BUTTONS, COOKIE_NOTICES, FOOTER_LINES, JS_NOTICES, LOREM, NAV_ITEMS, SITE_SUFFIX, SITE_WORDS, SPAM_KEYWORDS } from "./corpus/boilerplate.ts";
import { NON_ENGLISH } from "./corpus/non-english.ts";
import { distinctParagraphs } from "./distinct.ts";
import { englishParagraphs } from "./english.ts";
import { makeVariant } from "./near-duplicates.ts";
import { rng, type Rng } from "./rng.ts";

export type Label = "clean" | "boilerplate" | "repetition" | "non_english" | "exact_duplicate" | "near_duplicate";

export interface LabelledDocument {
  id: string;
  text: string;
  label: Label;
  meta: Record<string, string | number>;
}

export interface TestSetSizes {
  clean: number;
  boilerplate: number;
  repetition: number;
  nonEnglish: number;
  exactDuplicates: number;
  /** Near-duplicate variants per target Jaccard. */
  nearDuplicates: number;
  nearDuplicateTargets: readonly number[];
}

export const DEFAULT_SIZES: TestSetSizes = Object.freeze({
  clean: 120,
  boilerplate: 60,
  repetition: 60,
  nonEnglish: 60,
  exactDuplicates: 20,
  nearDuplicates: 10,
  nearDuplicateTargets: Object.freeze([0.9, 0.8, 0.7, 0.5]),
});

function sentences(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((s) => s.length > 0);
}

function siteName(r: Rng): string {
  return `${r.pick(SITE_WORDS)}${r.pick(SITE_SUFFIX)}`;
}

function fill(template: string, site: string, r: Rng): string {
  return template.replaceAll("{site}", site).replaceAll("{year}", String(2015 + r.int(11)));
}

/** Clean documents: the corpus's distinct paragraphs in a seeded order, cut into runs of 5 to 8. */
function cleanDocuments(r: Rng, paragraphs: readonly string[], count: number): string[] {
  const order = r.shuffle(distinctParagraphs(paragraphs));
  const docs: string[] = [];
  let i = 0;
  while (docs.length < count && i + 5 <= order.length) {
    const size = 5 + r.int(4);
    docs.push(order.slice(i, i + size).join("\n\n"));
    i += size;
  }
  return docs;
}

function boilerplate(r: Rng, paragraphs: readonly string[], k: number): { text: string; kind: string } {
  const site = siteName(r);
  const nav = r.shuffle(NAV_ITEMS).slice(0, 5 + r.int(6));
  const footer = r.shuffle(FOOTER_LINES).slice(0, 2 + r.int(4)).map((l) => fill(l, site, r));
  const snippet = sentences(r.pick(paragraphs)).slice(0, 1 + r.int(2)).join(" ");
  const kind = ["cookie_nav", "lorem_ipsum", "javascript_required"][k % 3];
  let body: string[];
  if (kind === "cookie_nav") {
    body = [
      ...r.shuffle(COOKIE_NOTICES).slice(0, 2 + r.int(3)).map((l) => fill(l, site, r)),
      ...r.shuffle(COOKIE_BUTTONS).slice(0, 2 + r.int(3)),
      snippet,
    ];
  } else if (kind === "lorem_ipsum") {
    const lorem = sentences(LOREM);
    const start = r.int(3);
    body = [`Welcome to ${site}`, lorem.slice(start, start + 4 + r.int(lorem.length - start - 3)).join(" "), snippet];
  } else {
    body = [...r.shuffle(JS_NOTICES).slice(0, 1 + r.int(3)).map((l) => fill(l, site, r)), snippet];
  }
  return { text: [site, ...nav, "", ...body, "", ...footer].join("\n"), kind };
}

function repetition(r: Rng, paragraphs: readonly string[], k: number): { text: string; kind: string } {
  const kind = ["repeated_lines", "repeated_ngrams", "keyword_stuffing"][k % 3];
  if (kind === "repeated_lines") {
    const lines = sentences(r.pick(paragraphs)).slice(0, 2 + r.int(3));
    const out: string[] = [];
    const times = 4 + r.int(12);
    for (let t = 0; t < times; t++) out.push(...lines);
    return { text: out.join("\n"), kind };
  }
  const kw = r.pick(SPAM_KEYWORDS);
  if (kind === "repeated_ngrams") {
    const templates = [
      `Looking for ${kw}? We have the best ${kw} for you.`,
      `Get ${kw} today and save with ${kw} from our partners.`,
      `Our ${kw} is the number one choice for ${kw} online.`,
      `Compare ${kw} offers and find ${kw} near you.`,
      `Why wait? ${kw[0].toUpperCase()}${kw.slice(1)} is just one click away.`,
    ];
    const out: string[] = [];
    const n = 12 + r.int(20);
    for (let t = 0; t < n; t++) out.push(r.pick(templates));
    return { text: out.join(" "), kind };
  }
  // Keyword stuffing: a real text with the keyword phrase inserted every 3 to 10 words.
  const words = r.shuffle(paragraphs).slice(0, 4).join(" ").split(/\s+/);
  const every = 3 + r.int(8);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    out.push(words[i]);
    if (i % every === every - 1) out.push(kw);
  }
  return { text: out.join(" "), kind };
}

function nonEnglish(r: Rng, k: number): { text: string; lang: string } {
  const langs = Object.keys(NON_ENGLISH).sort();
  const lang = langs[k % langs.length];
  const s = r.shuffle(NON_ENGLISH[lang]).slice(0, 5 + r.int(6));
  const sep = lang === "zh" || lang === "ja" ? "" : " ";
  const half = Math.ceil(s.length / 2);
  let text = `${s.slice(0, half).join(sep)}\n\n${s.slice(half).join(sep)}`;
  if (k % 5 === 4) text = `Welcome to our website\n\n${text}`; // an English heading first
  return { text, lang };
}

/** The labelled documents for `seed`, in a fixed order (by label, then index). */
export function* generateTestSet(seed: number, sizes: TestSetSizes = DEFAULT_SIZES): Generator<LabelledDocument> {
  const paragraphs = englishParagraphs();
  if (paragraphs.length < 100) throw new Error("the test set needs English prose under node_modules (run npm install)");
  const r = rng(seed);
  const clean = cleanDocuments(r, paragraphs, sizes.clean);
  for (let i = 0; i < clean.length; i++) yield { id: `clean-${i}`, text: clean[i], label: "clean", meta: { paragraphs: clean[i].split("\n\n").length } };
  for (let i = 0; i < sizes.boilerplate; i++) {
    const { text, kind } = boilerplate(r, paragraphs, i);
    yield { id: `boilerplate-${i}`, text, label: "boilerplate", meta: { kind } };
  }
  for (let i = 0; i < sizes.repetition; i++) {
    const { text, kind } = repetition(r, paragraphs, i);
    yield { id: `repetition-${i}`, text, label: "repetition", meta: { kind } };
  }
  for (let i = 0; i < sizes.nonEnglish; i++) {
    const { text, lang } = nonEnglish(r, i);
    yield { id: `non_english-${i}`, text, label: "non_english", meta: { lang } };
  }
  for (let i = 0; i < sizes.exactDuplicates && clean.length > 0; i++) {
    const of = r.int(clean.length);
    yield { id: `exact_duplicate-${i}`, text: clean[of], label: "exact_duplicate", meta: { of: `clean-${of}` } };
  }
  const vocabulary = [...new Set(paragraphs.slice(0, 200).join(" ").split(/\s+/).filter((w) => /^\p{L}+$/u.test(w)))];
  for (const target of sizes.nearDuplicateTargets) {
    for (let i = 0; i < sizes.nearDuplicates && clean.length > 0; i++) {
      const of = r.int(clean.length);
      const pair = makeVariant(r, clean[of], target, vocabulary);
      yield {
        id: `near_duplicate-${target}-${i}`,
        text: pair.variant,
        label: "near_duplicate",
        meta: { of: `clean-${of}`, targetJaccard: target, jaccard: pair.jaccard, edits: pair.edits },
      };
    }
  }
}

/** Writes the records as JSON Lines; returns how many were written. */
export function writeJsonl(path: string, records: Iterable<LabelledDocument>): number {
  const lines: string[] = [];
  for (const rec of records) lines.push(JSON.stringify(rec));
  writeFileSync(path, lines.join("\n") + (lines.length > 0 ? "\n" : ""));
  return lines.length;
}

// node oracle/pipeline/testset/generate.ts [seed] [out.jsonl]
if (import.meta.main) {
  const seed = Number(process.argv[2] ?? 1);
  const out = process.argv[3] ?? "testset.jsonl";
  console.log(`${writeJsonl(out, generateTestSet(seed))} records written to ${out}`);
}
