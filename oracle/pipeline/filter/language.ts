// Language identification with Nito-ELD (npm "eld"): pure JavaScript, offline, deterministic
// (byte n-gram lookups and sums, no randomness, no native code), about 200 µs per call.
//
// ELD reads at most the first 1,000 characters of what it is given, so a document is identified
// from windows of 1,000 characters of its prose lines (lines of at least `minLineChars`
// characters; menus and buttons are skipped): by default one, at the start; with `windows` > 1,
// evenly spaced through those lines, each starting after a space, and the per-language scores
// are averaged. The document's language is the highest-scoring one; it is kept when that language
// is allowed and its score is above `scoreThreshold`.
//
// ELD's scores are not probabilities (datatrove's 0.65 is a fastText probability): on English
// prose they lie between 0.7 and 0.85, on other languages English scores 0.3 to 0.6, and text
// that is no language at all (lorem ipsum, digits, random letters) scores below 0.5.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Filter } from "../block.ts";
import { resolveConfig, type Overrides } from "./config.ts";
import { EldScorer, type EldDatabase } from "./language-eld.ts";

export type { EldDatabase } from "./language-eld.ts";

export type LanguageConfig = {
  /** ISO 639-1 codes to keep; an empty list keeps every language (subject to the threshold). */
  readonly languages: readonly string[];
  /** The winning language's ELD score must be above this. */
  readonly scoreThreshold: number;
  /** ELD n-gram database size (the pipeline id records it). */
  readonly database: EldDatabase;
  /** How many 1,000-character windows to identify. */
  readonly windows: number;
  /** Let ELD strip URLs, e-mail addresses and numbers before scoring. */
  readonly cleanText: boolean;
  /** Only lines of at least this many characters are identified (0: the whole text). */
  readonly minLineChars: number;
};

export const LANGUAGE_DEFAULTS: LanguageConfig = Object.freeze({
  languages: Object.freeze(["en"]),
  scoreThreshold: 0.5,
  database: "medium",
  windows: 1,
  cleanText: false,
  minLineChars: 40,
});

const NAME = "language";
export const LANGUAGE_RULES = Object.freeze([`${NAME}:not_allowed`, `${NAME}:low_score`] as const);
export const WINDOW_CHARS = 1000;

interface EldResult {
  language: string;
  getScores(): Record<string, number>;
}
interface Eld {
  detect(text: string): EldResult;
  enableTextCleanup(flag: boolean): void;
  newInstance(): Eld;
}

/** Name and version of the language identifier, for the pipeline id. */
export function languageIdentifier(): { name: string; version: string } {
  const entry = fileURLToPath(import.meta.resolve("eld"));
  const pkgPath = entry.slice(0, entry.lastIndexOf("/src/")) + "/package.json";
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

export interface LanguageGuess {
  /** ISO 639-1 code, "" when nothing was recognised. */
  language: string;
  score: number;
}

export class LanguageFilter implements Filter {
  readonly name = NAME;
  readonly config: LanguageConfig & { readonly model: string };
  readonly rules = LANGUAGE_RULES;
  private readonly eld: Eld;
  /** ELD's detection without its clean-up, computed faster (language-eld.ts); null with cleanText. */
  private readonly scorer: EldScorer | null;
  private readonly allowed: ReadonlySet<string>;

  /** Use createLanguageFilter(): the ELD database is loaded asynchronously. */
  constructor(config: LanguageConfig, eld: Eld, model: string, scorer: EldScorer | null = null) {
    this.config = Object.freeze({ ...config, model });
    this.eld = eld;
    this.scorer = config.cleanText ? null : scorer;
    this.allowed = new Set(config.languages);
  }

  private scores(window: string): Record<string, number> | Map<string, number> {
    return this.scorer ? this.scorer.detect(window, true).scores! : this.eld.detect(window).getScores();
  }

  /** The language of `text` and its score (averaged over the configured windows). */
  identify(document: string): LanguageGuess {
    const text = proseLines(document, this.config.minLineChars, this.config.windows === 1 ? WINDOW_CHARS : Infinity);
    const starts = windowStarts(text, this.config.windows);
    if (starts.length === 1) {
      const window = text.slice(starts[0], starts[0] + WINDOW_CHARS);
      if (this.scorer) return this.scorer.detect(window);
      const r = this.eld.detect(window);
      return { language: r.language, score: r.language === "" ? 0 : (r.getScores()[r.language] ?? 0) };
    }
    const sums = new Map<string, number>();
    for (const s of starts) {
      const scores = this.scores(text.slice(s, s + WINDOW_CHARS));
      for (const [lang, v] of scores instanceof Map ? scores : Object.entries(scores)) sums.set(lang, (sums.get(lang) ?? 0) + v);
    }
    let language = "";
    let best = 0;
    // Ties break by language code so the result never depends on iteration order.
    for (const [lang, v] of [...sums].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (v > best) {
        best = v;
        language = lang;
      }
    }
    return { language, score: best / starts.length };
  }

  check(text: string): string | null {
    const { language, score } = this.identify(text);
    if (this.allowed.size > 0 && !this.allowed.has(language)) return `${NAME}:not_allowed`;
    if (language === "" || !(score > this.config.scoreThreshold)) return `${NAME}:low_score`;
    return null;
  }
}

/**
 * The text ELD sees: the document's lines of at least `minLineChars` characters (trimmed), in
 * order, joined by "\n": so menus, buttons and headings do not decide the language of the
 * prose under them. A document with no such line is used as it is.
 */
export function proseLines(text: string, minLineChars: number, limit: number): string {
  if (minLineChars <= 0) return text;
  let out = "";
  for (let s = 0; s < text.length && out.length < limit; ) {
    let e = text.indexOf("\n", s);
    if (e === -1) e = text.length;
    const line = text.slice(s, e).trim();
    if (line.length >= minLineChars) out = out.length === 0 ? line : `${out}\n${line}`;
    s = e + 1;
  }
  return out.length > 0 ? out : text;
}

function windowStarts(text: string, windows: number): number[] {
  if (windows <= 1 || text.length <= WINDOW_CHARS) return [0];
  const last = text.length - WINDOW_CHARS;
  const starts: number[] = [];
  for (let k = 0; k < windows; k++) {
    let s = Math.floor((k * last) / (windows - 1));
    if (s > 0) {
      const space = text.indexOf(" ", s);
      if (space !== -1 && space - s < 64 && space + 1 <= last) s = space + 1;
    }
    if (starts.length === 0 || s > starts[starts.length - 1]) starts.push(s);
  }
  return starts;
}

const databases = new Map<EldDatabase, Promise<Eld>>();

function loadDatabase(database: EldDatabase): Promise<Eld> {
  let p = databases.get(database);
  if (!p) {
    const entries: Record<EldDatabase, () => Promise<{ eld: Eld }>> = {
      extrasmall: () => import("eld/extrasmall") as Promise<{ eld: Eld }>,
      small: () => import("eld/small") as Promise<{ eld: Eld }>,
      medium: () => import("eld/medium") as Promise<{ eld: Eld }>,
      large: () => import("eld/large") as Promise<{ eld: Eld }>,
    };
    const load = entries[database];
    if (!load) throw new Error(`${NAME}: unknown ELD database "${database}"`);
    p = load().then((m) => m.eld);
    databases.set(database, p);
  }
  return p;
}

const scorers = new Map<EldDatabase, Promise<EldScorer>>();

function loadScorer(database: EldDatabase): Promise<EldScorer> {
  let p = scorers.get(database);
  if (!p) scorers.set(database, (p = EldScorer.load(database)));
  return p;
}

/** A language filter with its ELD database loaded (loaded once per process and database size). */
export async function createLanguageFilter(overrides?: Overrides<LanguageConfig>): Promise<LanguageFilter> {
  const config = resolveConfig(NAME, LANGUAGE_DEFAULTS, overrides);
  if (!Number.isInteger(config.windows) || config.windows < 1) throw new Error(`${NAME}: windows must be a positive integer`);
  const shared = await loadDatabase(config.database);
  const eld = shared.newInstance(); // own settings; the static database is shared
  eld.enableTextCleanup(config.cleanText);
  const id = languageIdentifier();
  const scorer = config.cleanText ? null : await loadScorer(config.database);
  return new LanguageFilter(config, eld, `${id.name}@${id.version}/${config.database}`, scorer);
}
