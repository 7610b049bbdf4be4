// Small helpers for configuration: a typed error and a check that refuses unknown keys (so a typo
// in a threshold name is an error, not a silently ignored setting).
import { OneTTError } from "../protocol/errors.ts";

export class ConfigError extends OneTTError {
  static override readonly code = "config_invalid";
  override name = "ConfigError";
}

/** Throws a ConfigError naming the first key of `value` that is not in `known`. */
export function checkKnownKeys(where: string, value: object | undefined, known: readonly string[]): void {
  if (value === undefined) return;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigError(`${where} must be a JSON object`);
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new ConfigError(`${where}.${key} is not a known option (known: ${known.join(", ")})`);
  }
}

