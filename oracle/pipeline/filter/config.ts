// Resolving a block's config: published defaults, overridden key by key. Unknown keys and wrong
// types are refused, because the resolved config is hashed into the pipeline id and a typo that
// silently fell back to a default would publish a config that was never applied.

export type Overrides<T> = { readonly [K in keyof T]?: T[K] };

export function resolveConfig<T extends object>(filter: string, defaults: T, overrides: Overrides<T> = {}): T {
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) {
    if (!Object.hasOwn(defaults, key)) throw new Error(`${filter}: unknown config key "${key}"`);
    if (value === undefined) continue;
    const base = (defaults as Record<string, unknown>)[key];
    const ok =
      value === null ||
      base === null ||
      (Array.isArray(base) ? Array.isArray(value) : typeof value === typeof base);
    if (!ok) throw new Error(`${filter}: config key "${key}" must be ${Array.isArray(base) ? "an array" : typeof base} or null`);
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`${filter}: config key "${key}" must be finite`);
    out[key] = value;
  }
  return Object.freeze(out) as T;
}
