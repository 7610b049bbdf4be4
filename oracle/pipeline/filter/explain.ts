// Every removal rule in plain words, for the contributor who lost a document to it: what the
// rule checks, its threshold as configured, and what to change in the data. The threshold is
// read from the block's resolved configuration, so the report never states a default that was
// overridden.
import { C4_QUALITY_DEFAULTS } from "./c4.ts";
import type { QualityConfig } from "./chain.ts";
import { CODE_QUALITY_DEFAULTS } from "./code-quality.ts";
import { DATA_LINES_DEFAULTS } from "./data-lines.ts";
import { FINEWEB_QUALITY_DEFAULTS } from "./fineweb-quality.ts";
import { GOPHER_QUALITY_DEFAULTS } from "./gopher-quality.ts";
import { GOPHER_REPETITION_DEFAULTS } from "./gopher-repetition.ts";
import { LANGUAGE_DEFAULTS } from "./language.ts";
import { FASTTEXT_LANGUAGE_DEFAULTS } from "./language-fasttext.ts";

export type { RuleExplanation } from "../../protocol/report.ts";
import type { RuleExplanation } from "../../protocol/report.ts";

const pct = (x: number | null) => (x === null ? "off" : `${Math.round(x * 1000) / 10}%`);
const settings = <T extends object>(defaults: T, overrides: unknown): T => ({ ...defaults, ...(overrides && typeof overrides === "object" ? overrides : {}) });

/** The explanation of each rule id a configuration can report; unknown ids get none. */
export function explainRule(rule: string, quality: QualityConfig = {}): RuleExplanation | null {
  const [block, name] = rule.split(":");
  const fastText = quality.fastTextLanguage && typeof quality.fastTextLanguage === "object" ? settings(FASTTEXT_LANGUAGE_DEFAULTS, quality.fastTextLanguage) : null;
  const lang = fastText ?? settings(LANGUAGE_DEFAULTS, quality.language);
  const languageThreshold = fastText ? `an accepted language's probability above ${fastText.threshold}` : `score above ${settings(LANGUAGE_DEFAULTS, quality.language).scoreThreshold}`;
  const c4 = settings(C4_QUALITY_DEFAULTS, quality.c4Quality);
  const gq = settings(GOPHER_QUALITY_DEFAULTS, quality.gopherQuality);
  const fw = settings(FINEWEB_QUALITY_DEFAULTS, quality.fineWebQuality);
  const gr = settings(GOPHER_REPETITION_DEFAULTS, quality.gopherRepetition);
  const code = settings(CODE_QUALITY_DEFAULTS, quality.codeQuality);
  const data = settings(DATA_LINES_DEFAULTS, quality.dataLines);
  const table: Record<string, RuleExplanation> = {
    "language:not_allowed": { checks: "The language the document is written in.", threshold: `kept languages: ${lang.languages.join(", ") || "all"}`, advice: "Send documents in an accepted language; split mixed-language files so each document has one language." },
    "language:low_score": { checks: "How sure the language identifier is that the text is in a natural language at all.", threshold: languageThreshold, advice: "Remove markup, code, tables of numbers and placeholder text such as lorem ipsum; keep the prose." },
    "c4_quality:lorem_ipsum": { checks: "Placeholder text (“lorem ipsum”).", threshold: "any occurrence", advice: "Remove placeholder text; it is not real writing." },
    "c4_quality:curly_bracket": { checks: "Curly brackets, a sign of code or templates mixed into prose.", threshold: c4.ignoreCodeAndMarkupBraces ? "a { outside code blocks, inline code and markup" : "any {", advice: "Put code in fenced code blocks (```), or submit source code with the code preset." },
    "c4_quality:too_few_sentences": { checks: "Whether the document reads as sentences.", threshold: `at least ${c4.minSentences ?? 0} sentence${c4.minSentences === 1 ? "" : "s"}`, advice: "Send running text, not lists of words, titles or table cells; join short fragments that belong together." },
    "data_lines:key_value_lines": { checks: "Lines of configuration or data (key: value, brackets, numbers) instead of text.", threshold: `fewer than ${pct(data.maxDataLinesRatio)} of lines`, advice: "Leave configuration files, JSON and YAML out of a prose submission." },
    "gopher_quality:short_doc": { checks: "The length of the document in words.", threshold: `at least ${gq.minDocWords ?? 0} words`, advice: "Join short pieces that belong together (paragraphs of one article) into one document." },
    "gopher_quality:long_doc": { checks: "The length of the document in words.", threshold: `at most ${gq.maxDocWords ?? "any number of"} words`, advice: "Split very long files into documents (chapters, articles)." },
    "gopher_quality:below_avg_word_length": { checks: "The mean word length, low in lists of numbers or symbols.", threshold: `at least ${gq.minAvgWordLength ?? 0} characters`, advice: "Remove tables of numbers and symbol runs." },
    "gopher_quality:above_avg_word_length": { checks: "The mean word length, high in identifiers, hashes and URLs.", threshold: `at most ${gq.maxAvgWordLength ?? "any"} characters`, advice: "Remove hashes, long identifiers and link lists." },
    "gopher_quality:too_many_hashes": { checks: "“#” characters per word (hashtags, markup).", threshold: `at most ${pct(gq.maxSymbolWordRatio)} of words`, advice: "Remove hashtags and heading marks used as decoration." },
    "gopher_quality:too_many_ellipsis": { checks: "Ellipses per word, typical of truncated teasers.", threshold: `at most ${pct(gq.maxSymbolWordRatio)} of words`, advice: "Send whole texts, not previews cut off with “…”." },
    "gopher_quality:too_many_bullet_lines": { checks: "The share of lines that are bullet points.", threshold: `at most ${pct(gq.maxBulletLinesRatio)} of lines`, advice: "Lists alone carry little text; keep the prose around them." },
    "gopher_quality:too_many_end_ellipsis_lines": { checks: "The share of lines ending in an ellipsis (truncated text).", threshold: `at most ${pct(gq.maxEllipsisLinesRatio)} of lines`, advice: "Send whole texts, not previews." },
    "gopher_quality:below_alpha_words_ratio": { checks: "The share of words that contain a letter.", threshold: `at least ${pct(gq.minAlphaWordsRatio)} of words`, advice: "Remove numeric tables, IDs and symbol runs." },
    "gopher_quality:too_few_stop_words": { checks: "Common English words (the, of, and, …), present in any real sentence.", threshold: `at least ${gq.minStopWords ?? 0}`, advice: "Send sentences, not keyword lists or tag clouds." },
    "fineweb_quality:line_punct_ratio": { checks: "The share of lines (paragraphs) ending in . ! ? or a quote.", threshold: `more than ${pct(fw.lineEndPunctuationMin)} of lines`, advice: "Send running text; menus, titles and lists alone are removed." },
    "fineweb_quality:short_line_ratio": { checks: `The share of lines of at most ${fw.shortLineLength} characters.`, threshold: `below ${pct(fw.shortLineRatioMax)} of lines`, advice: "Join short lines that belong to one paragraph; remove navigation and button text." },
    "fineweb_quality:char_dup_ratio": { checks: "Characters in lines that occur more than once in the document.", threshold: `below ${pct(fw.dupLineCharRatioMax)} of characters`, advice: "Remove repeated headers, footers and boilerplate lines." },
    "fineweb_quality:list_ratio": { checks: "Line breaks per word, high in lists.", threshold: `at most ${fw.newlineTokenRatioMax ?? "any"} per word`, advice: "Send prose rather than one-word lines." },
    "gopher_repetition:dup_para_frac": { checks: "Paragraphs that occur more than once.", threshold: `at most ${pct(gr.maxDupParagraphFraction)} of paragraphs`, advice: "Remove repeated paragraphs; each text once." },
    "gopher_repetition:dup_para_char_frac": { checks: "Characters in repeated paragraphs.", threshold: `at most ${pct(gr.maxDupParagraphCharFraction)} of characters`, advice: "Remove repeated paragraphs; each text once." },
    "gopher_repetition:dup_line_frac": { checks: "Lines that occur more than once.", threshold: `at most ${pct(gr.maxDupLineFraction)} of lines`, advice: "Remove repeated lines (headers, footers, signatures)." },
    "gopher_repetition:dup_line_char_frac": { checks: "Characters in repeated lines.", threshold: `at most ${pct(gr.maxDupLineCharFraction)} of characters`, advice: "Remove repeated lines (headers, footers, signatures)." },
    "code_quality:max_line_length": { checks: "The longest line, very long in minified code and embedded data.", threshold: `at most ${code.maxLineLength ?? "any"} characters`, advice: "Send the readable source, not minified bundles or data files." },
    "code_quality:avg_line_length": { checks: "The mean line length.", threshold: `at most ${code.maxAvgLineLength ?? "any"} characters`, advice: "Send the readable source, not generated or minified files." },
    "code_quality:alphanum_fraction": { checks: "The share of letters and digits, low in data and binary dumps.", threshold: `at least ${pct(code.minAlphanumFraction)}`, advice: "Leave out data dumps and encoded assets." },
    "code_quality:auto_generated": { checks: "A note in the first lines that a tool generated the file.", threshold: `none in the first ${code.autoGeneratedLines} lines`, advice: "Send the sources the file is generated from instead." },
    "code_quality:encoded_data": { checks: "Long runs of base64 or hexadecimal.", threshold: `shorter than ${code.maxEncodedRun ?? "any"} characters`, advice: "Leave out embedded images, keys and binary blobs." },
  };
  if (table[rule]) return table[rule];
  const ngram = /^(top|duplicated)_(\d+)_(gram|n_grams)$/.exec(name ?? "");
  if (block === "gopher_repetition" && ngram) {
    const n = Number(ngram[2]);
    const limit = (ngram[1] === "top" ? gr.topNGrams : gr.dupNGrams).find(([k]) => k === n)?.[1] ?? null;
    return ngram[1] === "top"
      ? { checks: `How much of the text the most frequent ${n}-word phrase covers (keyword stuffing).`, threshold: `at most ${pct(limit)} of characters`, advice: "Write the text for readers: do not repeat a phrase to inflate it." }
      : { checks: `Characters in ${n}-word phrases that occur more than once.`, threshold: `at most ${pct(limit)} of characters`, advice: "Remove copied passages and repeated templates." };
  }
  return null;
}

/** Explanations of the rules that removed documents, by rule id in sorted order. */
export function explainRemovals(removed: Readonly<Record<string, unknown>>, quality: QualityConfig = {}): Record<string, RuleExplanation> {
  const out: Record<string, RuleExplanation> = {};
  for (const rule of Object.keys(removed).sort()) {
    const e = explainRule(rule, quality);
    if (e) out[rule] = e;
  }
  return out;
}
