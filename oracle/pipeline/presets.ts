// Presets: what a consumer wants from a contribution, each a documented pipeline configuration
// with its own pipeline id. A submission names one (default "prose"); its config's own sections
// apply over it. See README.md ("Presets") for each choice and the reason for it.
import type { PipelineConfig, PresetName } from "./config-shape.ts";

export { DEFAULT_PRESET, isPresetName, PRESETS, type PresetName } from "./config-shape.ts";

/**
 * FineWeb's choices, with the text's layout understood first and rules that misread layout fixed.
 * Language by ELD, not FineWeb's fastText: the same decisions on every labelled document of prose,
 * twice the throughput of the whole pipeline, and it keeps command-line reference pages that
 * fastText puts below 0.65 (README.md, "Rules and their references").
 */
const PROSE: PipelineConfig = {
  quality: {
    layout: {},
    c4Lines: { dropNoTerminalPunctuation: false, keepFencedCode: true, javascriptNoticesOnly: true, keepSentenceTails: true },
    c4Quality: { ignoreCodeAndMarkupBraces: true, minSentences: 1 },
    dataLines: {},
    fineWebQuality: { ignoreFencedCode: true },
    gopherRepetition: { ignoreFencedCode: true },
  },
};

/** Source code and technical documentation: The Stack / StarCoder rules, no prose rules. */
const CODE: PipelineConfig = {
  quality: {
    language: false,
    c4Lines: false,
    c4Quality: false,
    gopherQuality: false,
    fineWebQuality: false,
    gopherRepetition: false,
    codeQuality: {},
  },
};

/** Conversations, interviews, Q&A: short turns are the point, so rules against short lines are off. */
const DIALOGUE: PipelineConfig = {
  quality: {
    layout: {},
    c4Lines: { dropNoTerminalPunctuation: false, keepFencedCode: true, javascriptNoticesOnly: true, minWordsPerLine: null },
    c4Quality: { ignoreCodeAndMarkupBraces: true, minSentences: 1 },
    fineWebQuality: { shortLineRatioMax: null, newlineTokenRatioMax: null, ignoreFencedCode: true },
    gopherQuality: { minDocWords: 20 },
    gopherRepetition: { ignoreFencedCode: true },
  },
};

const BY_NAME: Readonly<Record<PresetName, PipelineConfig>> = { prose: PROSE, code: CODE, dialogue: DIALOGUE };

/** The configuration of a preset. */
export function presetConfig(name: PresetName): PipelineConfig {
  return BY_NAME[name];
}
