// The per-document pipeline as data: an ordered list of named steps, in the configuration
// (`steps`), each with its own statistics (documents in and out, removals by rule, time spent),
// in the manner of datatrove's pipeline blocks. A step never knows about the others; the
// processor (process.ts) runs them in order and stops at the first that removes the document.
import type { Analysis } from "./dedup/fingerprint.ts";
import { ConfigError } from "./config-merge.ts";
import { QUALITY_BLOCKS } from "./filter/chain.ts";

/** What the steps so far made of one document. */
export interface DocumentState {
  /** The text as the last step left it. */
  text: string;
  /** The text tokens in were counted on (the normalized text), or null before that. */
  counted: string | null;
  tokensIn: number;
  /** The dedup step's analysis, and the text it analysed. */
  analysis: Analysis | null;
  fingerprinted: string | null;
  /** PII redactions in this document, by type (null when none). */
  pii: Record<string, number> | null;
}

/** One step: changes the document's text or state, or returns the rule that removes it. */
export interface Step {
  readonly name: string;
  run(doc: DocumentState, transforms: Record<string, Record<string, number>>): string | null;
}

/** What one step did over a batch (or a whole run). */
export interface StepStats {
  name: string;
  documentsIn: number;
  documentsOut: number;
  /** Documents removed, by rule. */
  removed: Record<string, number>;
  /** Time spent in the step, in milliseconds. */
  ms: number;
}

/** The steps a configuration may list. Token counting is not among them: it is what T means. */
export const STEP_NAMES = ["normalize", ...QUALITY_BLOCKS, "dedup", "pii"] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** The order the pipeline has always run its steps in. */
export const DEFAULT_STEPS: readonly StepName[] = STEP_NAMES;

/** Checks a configured order: known names, each once, normalize first (tokens in are counted on its output). */
export function checkStepOrder(steps: unknown, where = "config.steps"): StepName[] {
  if (!Array.isArray(steps) || steps.some((s) => typeof s !== "string")) {
    throw new ConfigError(`${where} must be a list of step names (known: ${STEP_NAMES.join(", ")})`);
  }
  const seen = new Set<string>();
  for (const s of steps as string[]) {
    if (!(STEP_NAMES as readonly string[]).includes(s)) throw new ConfigError(`${where}: unknown step "${s}" (known: ${STEP_NAMES.join(", ")})`);
    if (seen.has(s)) throw new ConfigError(`${where}: step "${s}" is listed twice; list each step once, where it should run`);
    seen.add(s);
  }
  if (steps[0] !== "normalize") {
    throw new ConfigError(`${where} must start with "normalize": tokens in are counted on the normalized text`);
  }
  return steps as StepName[];
}

/**
 * The steps that run, in order: the configured order restricted to the steps whose sections are
 * enabled. A step enabled by its section but missing from the order is an error, never dropped.
 */
export function enabledOrder(order: readonly StepName[], enabled: ReadonlySet<StepName>, where = "config.steps"): StepName[] {
  const missing = [...enabled].filter((s) => !order.includes(s));
  if (missing.length > 0) {
    throw new ConfigError(
      `${where} leaves out ${missing.map((s) => `"${s}"`).join(", ")}, which ${missing.length > 1 ? "are" : "is"} enabled: list ${missing.length > 1 ? "them" : "it"} where ${missing.length > 1 ? "they" : "it"} should run, or disable ${missing.length > 1 ? "them" : "it"} in ${missing.length > 1 ? "their sections" : "its section"}`,
    );
  }
  return order.filter((s) => enabled.has(s));
}

/** Empty statistics for the named steps. */
export function emptyStats(names: readonly string[]): StepStats[] {
  return names.map((name) => ({ name, documentsIn: 0, documentsOut: 0, removed: {}, ms: 0 }));
}

/** Adds `more` (same steps, same order) into `into`. */
export function addStats(into: StepStats[], more: readonly StepStats[]): void {
  more.forEach((s, i) => {
    const t = into[i];
    t.documentsIn += s.documentsIn;
    t.documentsOut += s.documentsOut;
    t.ms += s.ms;
    for (const [rule, n] of Object.entries(s.removed)) t.removed[rule] = (t.removed[rule] ?? 0) + n;
  });
}
