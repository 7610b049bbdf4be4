// Language identification as FineWeb does it: fastText's lid.176 model (the npm package
// fasttext.wasm.js ships lid.176.ftz and fastText compiled to WebAssembly, so nothing is
// downloaded), the document with its newlines replaced by spaces, and a document kept when an
// allowed language's probability is above 0.65 (datatrove's LanguageFilter). WebAssembly
// arithmetic is IEEE-754 and single-threaded here, so the same text gives the same
// probabilities on every machine.
//
// fastText reads every word it is given, so a long document is identified from a bounded
// sample: its first `sampleChars` characters, cut back to a space. On the labelled decision set
// the decisions with and without the bound are the same (language-fasttext.test.ts).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Filter } from "../block.ts";
import { resolveConfig, type Overrides } from "./config.ts";
import { withoutFencedCode } from "./fences.ts";
import { LANGUAGE_RULES } from "./language.ts";

export type FastTextLanguageConfig = {
  /** ISO 639-1 codes to keep; empty keeps any language whose top probability passes the threshold. */
  readonly languages: readonly string[];
  /** An allowed language's probability must be above this (FineWeb: 0.65). */
  readonly threshold: number;
  /** Characters of the document the model reads (0: all of it). */
  readonly sampleChars: number;
  /** Identify the text outside fenced code blocks (a tutorial's language is its prose's). */
  readonly ignoreFencedCode: boolean;
};

export const FASTTEXT_LANGUAGE_DEFAULTS: FastTextLanguageConfig = Object.freeze({
  languages: Object.freeze(["en"]),
  threshold: 0.65,
  sampleChars: 3000,
  ignoreFencedCode: false,
});

const NAME = "language";
const LABEL = "__label__";

interface Prediction {
  size(): number;
  get(i: number): [number, string];
  delete?(): void;
}
interface Model {
  predict(text: string, k: number, threshold: number): Prediction;
}

const require = createRequire(import.meta.url);

/** Package name and version, for the pipeline id. */
export function fastTextIdentifier(): string {
  const pkgPath = require.resolve("fasttext.wasm.js/package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { name: string; version: string };
  return `${pkg.name}@${pkg.version}/lid.176.ftz`;
}

let loaded: Promise<Model> | null = null;

/** The lid.176 model, compiled and loaded once per thread. */
function loadModel(): Promise<Model> {
  loaded ??= import("fasttext.wasm.js").then(async (m) => (await (await m.getLIDModel()).load()) as unknown as Model);
  return loaded;
}

/** The text the model reads: the first `chars` characters cut back to a space, newlines as spaces. */
export function sampleOf(text: string, chars: number): string {
  let s = text;
  if (chars > 0 && s.length > chars) {
    const space = s.lastIndexOf(" ", chars);
    s = s.slice(0, space > chars / 2 ? space : chars);
  }
  return s.replace(/\n/g, " ");
}

export class FastTextLanguageFilter implements Filter {
  readonly name = NAME;
  readonly config: FastTextLanguageConfig & { readonly model: string };
  readonly rules = LANGUAGE_RULES;
  private readonly model: Model;
  private readonly allowed: ReadonlySet<string>;

  constructor(config: FastTextLanguageConfig, model: Model, id: string) {
    this.config = Object.freeze({ ...config, model: id });
    this.model = model;
    this.allowed = new Set(config.languages);
  }

  /** Languages (fastText's codes, e.g. "en") and their probabilities, most probable first. */
  identify(text: string): Array<[string, number]> {
    const judged = this.config.ignoreFencedCode ? withoutFencedCode(text) : text;
    const p = this.model.predict(sampleOf(judged, this.config.sampleChars), 5, 0);
    const out: Array<[string, number]> = [];
    for (let i = 0; i < p.size(); i++) {
      const [probability, label] = p.get(i);
      out.push([label.startsWith(LABEL) ? label.slice(LABEL.length) : label, probability]);
    }
    p.delete?.();
    return out;
  }

  check(text: string): string | null {
    const guesses = this.identify(text);
    const t = this.config.threshold;
    if (this.allowed.size === 0) return guesses.length > 0 && guesses[0][1] > t ? null : `${NAME}:low_score`;
    if (guesses.some(([lang, p]) => this.allowed.has(lang) && p > t)) return null;
    return guesses.length > 0 && this.allowed.has(guesses[0][0]) ? `${NAME}:low_score` : `${NAME}:not_allowed`;
  }
}

export async function createFastTextLanguageFilter(overrides?: Overrides<FastTextLanguageConfig>): Promise<FastTextLanguageFilter> {
  const config = resolveConfig(NAME, FASTTEXT_LANGUAGE_DEFAULTS, overrides);
  if (!Number.isInteger(config.sampleChars) || config.sampleChars < 0) throw new Error(`${NAME}: sampleChars must be a whole number of characters (0: the whole document)`);
  if (!(config.threshold >= 0 && config.threshold < 1)) throw new Error(`${NAME}: threshold must be a probability in [0, 1)`);
  return new FastTextLanguageFilter(config, await loadModel(), fastTextIdentifier());
}
