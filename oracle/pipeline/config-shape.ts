// The shape of a pipeline configuration and the names of its presets: what config.ts checks and
// merges and presets.ts fills in, in a module of its own so neither imports the other.
import type { DedupConfig } from "./dedup/config.ts";
import type { QualityConfig } from "./filter/chain.ts";
import type { NormalizeOptions } from "./normalize/normalize.ts";
import type { PiiOptions } from "./pii/pii.ts";
import type { ReaderOptions } from "./read/index.ts";
import type { EncodingName } from "./tokenize/counter.ts";

export const PRESETS = ["prose", "code", "dialogue"] as const;
export type PresetName = (typeof PRESETS)[number];
export const DEFAULT_PRESET: PresetName = "prose";

export function isPresetName(name: unknown): name is PresetName {
  return typeof name === "string" && (PRESETS as readonly string[]).includes(name);
}

export interface PipelineConfig {
  /** The preset the other sections apply over; "prose" when absent (presets.ts). */
  preset?: PresetName;
  /** The per-document steps in the order they run (steps.ts); the order below when absent. */
  steps?: string[];
  read?: Omit<ReaderOptions, "tmpDir">;
  normalize?: NormalizeOptions;
  quality?: QualityConfig;
  dedup?: Partial<Omit<DedupConfig, "maxDocuments">> & { enabled?: boolean };
  pii?: PiiOptions & { enabled?: boolean };
  tokenizer?: { encoding?: EncodingName };
}
