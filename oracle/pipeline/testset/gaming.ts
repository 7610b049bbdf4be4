// The labelled gaming set: the five families of docs/threat-model.md at several strengths, made
// from earlier accepted documents, and clean documents that must survive beside them. Built from
// the pinned packages' English documentation (english.ts, distinct.ts), seeded (rng.ts): a seed
// gives the same set on every machine with the same node_modules.
//
//   accepted  submission 0: originals, as an honest contributor first uploaded them
//   checked   submission 1: every attack and every clean document, in a seeded order
//
// Recipes (strength in the `strength` field):
//   1 edits        an original with a share of its words substituted (60%), inserted (20%) or deleted (20%), at random places
//   2 reorder      paragraphs shuffled; sentences shuffled within paragraphs; sentences shuffled and words edited
//   3 split        the first half or first third of an original's paragraphs
//     concatenate  two or three originals joined
//     embed        an original between new paragraphs making half or two thirds of the text (`newText` is the new part)
//   4 surface      case, spacing, punctuation, Cyrillic/Greek look-alikes, zero-width characters, full-width letters, or all at once
//   5 template     new documents from one template, a slot every 12, 8 or 5 words (the first of each template is new text)
//     repeated     one new paragraph 6 to 9 times, each copy with 5% or 10% of its words edited
//     shuffled     an original's words shuffled within each sentence or across the document
//   clean          new documents: on the topic of the one before (consecutive paragraphs of one package's documentation),
//                  under a shared licence header, or a new version keeping an original's first two paragraphs
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { distinctParagraphs } from "./distinct.ts";
import { englishParagraphs, NODE_MODULES } from "./english.ts";
import { rng, type Rng } from "./rng.ts";

export type Family = "1" | "2" | "3" | "4" | "5" | "clean";

export interface GamingDocument {
  id: string;
  text: string;
  family: Family;
  attack: string;
  strength: string;
  /** For embeddings and clean documents sharing text: the part that is new (paid). */
  newText?: string;
  /** For templates: the template's number. The first of its documents to arrive is new text, not an attack. */
  template?: number;
}

export interface GamingSet {
  accepted: string[];
  checked: GamingDocument[];
}

export interface GamingSizes {
  /** Originals accepted first. */
  originals: number;
  /** Attacks per (attack, strength). */
  perStrength: number;
  /** Embeddings per strength (each needs new paragraphs). */
  embedPerStrength: number;
  /** Clean documents per kind. */
  cleanPerKind: number;
}

/** What the corpus's ~780 distinct paragraphs allow: embeddings and clean documents need new ones. */
export const DEFAULT_GAMING_SIZES: GamingSizes = Object.freeze({ originals: 36, perStrength: 20, embedPerStrength: 8, cleanPerKind: 8 });

/** The licence the shared-header clean documents start with: a file of a pinned package. */
const LICENCE_FILE = join(NODE_MODULES, "commander", "LICENSE");

const LOOK_ALIKES: Record<string, string> = { a: "а", c: "с", e: "е", o: "о", p: "р", x: "х", y: "у", i: "і", A: "Α", B: "Β", E: "Ε", H: "Η", K: "Κ", M: "Μ", O: "Ο", T: "Τ" };
const INVISIBLE = ["\u200B", "\u200C", "\u2060", "\uFEFF", "\u00AD"];

const sentencesOf = (p: string) => p.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((s) => s.length > 0);

/** Replaces, inserts or deletes words at random places until `share` of the words were touched. */
function editWords(r: Rng, text: string, share: number, vocabulary: readonly string[]): string {
  return text
    .split("\n\n")
    .map((p) => {
      const words = p.split(" ");
      const out: string[] = [];
      for (const w of words) {
        if (r.next() >= share) {
          out.push(w);
          continue;
        }
        const op = r.int(10);
        if (op < 6) out.push(r.pick(vocabulary));
        else if (op < 8) out.push(w, r.pick(vocabulary));
      }
      return out.join(" ");
    })
    .join("\n\n");
}

function surface(r: Rng, text: string, kind: string): string {
  const chars = (f: (c: string) => string) => Array.from(text, f).join("");
  switch (kind) {
    case "case":
      return text.split(" ").map((w) => (r.next() < 0.5 ? w.toUpperCase() : r.next() < 0.5 ? w.toLowerCase() : w)).join(" ");
    case "spacing":
      return text.replace(/ /g, () => [" ", "  ", "\t", " \n"][r.int(4)]);
    case "punctuation":
      return text.replace(/[.,;:!?'"()]/g, () => (r.next() < 0.7 ? "" : [" -", " ...", ";"][r.int(3)]));
    case "look-alikes":
      return chars((c) => (LOOK_ALIKES[c] && r.next() < 0.7 ? LOOK_ALIKES[c] : c));
    case "zero-width":
      return chars((c) => (/\p{L}/u.test(c) && r.next() < 0.3 ? c + r.pick(INVISIBLE) : c));
    case "full-width":
      return chars((c) => (c >= "!" && c <= "~" && r.next() < 0.8 ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c));
    default:
      return ["case", "spacing", "punctuation", "look-alikes", "zero-width"].reduce((t, k) => surface(r, t, k), text);
  }
}

/** Takes runs of paragraphs from a shuffled list, never the same paragraph twice. */
class ParagraphSource {
  private at = 0;
  private readonly order: readonly string[];
  constructor(order: readonly string[]) {
    this.order = order;
  }
  take(n: number): string[] {
    if (this.at + n > this.order.length) throw new Error(`the gaming set needs more distinct paragraphs than the corpus has (${this.order.length})`);
    const out = this.order.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }
}

export function generateGamingSet(seed: number, sizes: GamingSizes = DEFAULT_GAMING_SIZES): GamingSet {
  const r = rng(seed);
  const corpus = distinctParagraphs(englishParagraphs());
  const vocabulary = [...new Set(corpus.join(" ").split(/\s+/).filter((w) => /^\p{L}{3,}$/u.test(w)))];
  // Clean "same topic" pairs need corpus order (consecutive paragraphs of one file); the rest is shuffled.
  const topicRuns = sizes.cleanPerKind * 12;
  const topical = corpus.slice(0, topicRuns);
  const source = new ParagraphSource(r.shuffle(corpus.slice(topicRuns)));
  const doc = (n: number) => source.take(n).join("\n\n");
  const originals = Array.from({ length: sizes.originals }, () => doc(5 + r.int(4)));
  const checked: GamingDocument[] = [];
  const n = sizes.perStrength;
  const add = (family: Family, attack: string, strength: string, make: (i: number) => Partial<GamingDocument> & { text: string }, count = n) => {
    for (let i = 0; i < count; i++) checked.push({ id: `${attack}-${strength}-${i}`, family, attack, strength, ...make(i) });
  };
  const original = () => r.pick(originals);

  for (const share of [0.02, 0.05, 0.1]) add("1", "edits", `${share * 100}% of words`, () => ({ text: editWords(r, original(), share, vocabulary) }));

  add("2", "reorder", "paragraphs", () => ({ text: r.shuffle(original().split("\n\n")).join("\n\n") }));
  const shuffleSentences = (t: string) => t.split("\n\n").map((p) => r.shuffle(sentencesOf(p)).join(" ")).join("\n\n");
  add("2", "reorder", "sentences", () => ({ text: shuffleSentences(original()) }));
  add("2", "reorder", "sentences + 10% of words", () => ({ text: editWords(r, shuffleSentences(original()), 0.1, vocabulary) }));

  add("3", "split", "first half", () => {
    const ps = original().split("\n\n");
    return { text: ps.slice(0, Math.ceil(ps.length / 2)).join("\n\n") };
  });
  add("3", "split", "first third", () => {
    const ps = original().split("\n\n");
    return { text: ps.slice(0, Math.ceil(ps.length / 3)).join("\n\n") };
  });
  for (const k of [2, 3]) add("3", "concatenate", `${k} documents`, () => ({ text: Array.from({ length: k }, original).join("\n\n") }));
  for (const [strength, share] of [["half new text", 1], ["two thirds new text", 2]] as const) {
    add("3", "embed", strength, () => {
      const copied = original();
      const newParagraphs = source.take(Math.max(2, Math.round(copied.split("\n\n").length * share)));
      const cut = 1 + r.int(newParagraphs.length - 1);
      const newText = newParagraphs.join("\n\n");
      return { text: [...newParagraphs.slice(0, cut), copied, ...newParagraphs.slice(cut)].join("\n\n"), newText };
    }, sizes.embedPerStrength);
  }

  for (const kind of ["case", "spacing", "punctuation", "look-alikes", "zero-width", "full-width", "all at once"]) {
    add("4", "surface", kind, () => ({ text: surface(r, original(), kind) }));
  }

  let templates = 0;
  for (const every of [12, 8, 5]) {
    let words: string[] = [];
    add("5", "template", `a slot every ${every} words`, (i) => {
      if (i % 5 === 0) {
        words = doc(3).split(" ");
        templates++;
      }
      return { text: words.map((w, k) => (k % every === every - 1 ? r.pick(vocabulary) : w)).join(" "), template: templates };
    });
  }
  for (const share of [0.05, 0.1]) {
    add("5", "repeated", `${share * 100}% of words changed per copy`, () => {
      const p = doc(1);
      return { text: Array.from({ length: 6 + r.int(4) }, () => editWords(r, p, share, vocabulary)).join("\n\n") };
    });
  }
  add("5", "shuffled", "within sentences", () => ({
    text: original().split("\n\n").map((p) => sentencesOf(p).map((s) => r.shuffle(s.split(" ")).join(" ")).join(" ")).join("\n\n"),
  }));
  add("5", "shuffled", "across the document", () => {
    const words = r.shuffle(original().split(/\s+/));
    const paragraphs: string[] = [];
    for (let i = 0; i < words.length; i += 60) paragraphs.push(words.slice(i, i + 60).join(" ") + ".");
    return { text: paragraphs.join("\n\n") };
  });

  const cleanN = sizes.cleanPerKind;
  const clean = (attack: string, make: (i: number) => Partial<GamingDocument> & { text: string }) => {
    for (let i = 0; i < cleanN; i++) checked.push({ id: `clean-${attack}-${i}`, family: "clean", attack, strength: "-", ...make(i) });
  };
  clean("new document", () => ({ text: doc(5 + r.int(4)) }));
  clean("same topic", (i) => ({ text: topical.slice(i * 12, i * 12 + 6).join("\n\n") }));
  clean("same topic, next part", (i) => ({ text: topical.slice(i * 12 + 6, i * 12 + 12).join("\n\n") }));
  const licence = readFileSync(LICENCE_FILE, "utf8").trim();
  clean("shared licence header", () => {
    const body = doc(6);
    return { text: `${licence}\n\n${body}`, newText: body };
  });
  clean("new version", (i) => {
    const v1 = originals[i % originals.length].split("\n\n");
    const added = doc(6);
    return { text: [...v1.slice(0, 2), added].join("\n\n"), newText: added };
  });
  return { accepted: originals, checked: r.shuffle(checked) };
}
