// Small helpers for configuration: a typed error, a check that refuses unknown keys (so a typo in
// a threshold name is an error, not a silently ignored setting), and the canonical JSON that is
// hashed into the pipeline id.

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
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

/** JSON with object keys sorted at every level: the form that is hashed into the pipeline id. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
