// The pipeline's configuration: one JSON object with a section per block. Each block resolves and
// validates its own section; the resolved whole, with the versions of every library whose output
// it depends on, is hashed into the pipeline id that the committee signs.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { canonicalJson } from "../protocol/canonical-json.ts";
import { checkKnownKeys, ConfigError } from "./config-merge.ts";
import { DEFAULT_DEDUP_CONFIG } from "./dedup/config.ts";
import { QUALITY_BLOCKS, type QualityConfig } from "./filter/chain.ts";
import { DEFAULT_NORMALIZE_OPTIONS } from "./normalize/normalize.ts";
import type { EncodingName } from "./tokenize/counter.ts";
import { DEFAULT_PRESET, isPresetName, PRESETS, type PipelineConfig } from "./config-shape.ts";
import { presetConfig } from "./presets.ts";
import { checkStepOrder } from "./steps.ts";

export { ConfigError } from "./config-merge.ts";
export type { PipelineConfig } from "./config-shape.ts";

/** Bumped whenever a change to the code can change any output for the same config. */
export const PIPELINE_VERSION = "1.4.0";

const SECTIONS = ["preset", "steps", "read", "normalize", "quality", "dedup", "pii", "tokenizer"] as const;

/**
 * The defaults that differ from a block's own published defaults, and why:
 * - C4's "drop lines without terminal punctuation" is off, as in FineWeb's published pipeline:
 *   it removes headings, lists, tables and code lines wholesale, i.e. a large share of the
 *   tokens a contributor is paid for, for little quality gained (FineWeb's ablations).
 */
export const DEFAULT_PIPELINE_CONFIG: PipelineConfig = Object.freeze({
  quality: { c4Lines: { dropNoTerminalPunctuation: false } },
});

/** Checks the top-level shape; the blocks check their sections when they are built. */
export function checkConfigShape(config: unknown, where = "config"): PipelineConfig {
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new ConfigError(`${where} must be a JSON object with the sections ${SECTIONS.join(", ")}`);
  }
  for (const [key, value] of Object.entries(config)) {
    if (key === "preset") {
      if (!isPresetName(value)) throw new ConfigError(`${where}: preset must be one of ${PRESETS.join(", ")} (got ${JSON.stringify(value)})`);
      continue;
    }
    if (key === "steps") {
      checkStepOrder(value, `${where}.steps`);
      continue;
    }
    if (!(SECTIONS as readonly string[]).includes(key)) {
      throw new ConfigError(`${where}: unknown section "${key}" (known: ${SECTIONS.join(", ")})`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new ConfigError(`${where}: section "${key}" must be a JSON object`);
    }
  }
  const c = config as PipelineConfig;
  checkKnownKeys(`${where}.read`, c.read, ["format", "textField", "textMode", "invalidUtf8", "maxDocumentBytes", "csvDelimiter"]);
  checkKnownKeys(`${where}.normalize`, c.normalize, Object.keys(DEFAULT_NORMALIZE_OPTIONS));
  const dedupKeys = Object.keys(DEFAULT_DEDUP_CONFIG).filter((k) => k !== "maxDocuments");
  checkKnownKeys(`${where}.dedup`, c.dedup, ["enabled", ...dedupKeys]);
  checkKnownKeys(`${where}.pii`, c.pii, ["enabled", "types", "placeholders", "ipPolicy", "keepExampleEmails"]);
  checkKnownKeys(`${where}.tokenizer`, c.tokenizer, ["encoding"]);
  checkKnownKeys(`${where}.quality`, c.quality, QUALITY_BLOCKS);
  return c;
}

/** Applies the user's sections over the preset's (then the pipeline defaults), one level deep within quality. */
export function withDefaults(user: PipelineConfig = {}): PipelineConfig {
  const preset = user.preset ?? DEFAULT_PRESET;
  if (!isPresetName(preset)) throw new ConfigError(`preset must be one of ${PRESETS.join(", ")} (got ${JSON.stringify(preset)})`);
  const base = over(DEFAULT_PIPELINE_CONFIG, presetConfig(preset));
  return { ...over(base, user), preset };
}

function over(d: PipelineConfig, user: PipelineConfig): PipelineConfig {
  const quality: Record<string, unknown> = { ...(d.quality as Record<string, unknown>) };
  for (const [block, value] of Object.entries(user.quality ?? {})) {
    const base = quality[block];
    quality[block] =
      value !== false && base && typeof base === "object" && value && typeof value === "object" ? { ...base, ...value } : value;
  }
  return { ...d, ...user, quality: quality as QualityConfig };
}

/** Reads a JSON config file with errors that name the file and what is wrong. */
export function loadConfigFile(path: string): PipelineConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigError(`cannot read config file ${path}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return checkConfigShape(parsed, `config file ${path}`);
}

/** What identifies a pipeline: its version, the hash of its resolved config, its tokenizer. */
export interface PipelineId {
  version: string;
  configHash: string;
  tokenizer: { encoding: EncodingName; library: string; version: string };
  /** The canonical string form, e.g. "1tt-pipeline@1.0.0+o200k_base@tiktoken-1.0.22+cfg.3f…". */
  id: string;
}

export function pipelineIdOf(resolved: Record<string, unknown>, tokenizer: PipelineId["tokenizer"]): PipelineId {
  const configHash = createHash("sha256").update(canonicalJson({ version: PIPELINE_VERSION, ...resolved })).digest("hex");
  return {
    version: PIPELINE_VERSION,
    configHash,
    tokenizer,
    id: `1tt-pipeline@${PIPELINE_VERSION}+${tokenizer.encoding}@${tokenizer.library}-${tokenizer.version}+cfg.${configHash.slice(0, 16)}`,
  };
}
