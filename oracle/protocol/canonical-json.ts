// Canonical JSON (RFC 8785, the JSON Canonicalization Scheme): the one encoding of every JSON
// document whose bytes are hashed or addressed — reports (sealed, co-signed and replayed by the
// audit), manifests and key envelopes (their CIDs), the pipeline's configuration (its id). The
// same value gives the same bytes on every machine, whatever order its keys were built in:
// members sorted by the UTF-16 code units of their names, no whitespace, strings and numbers as
// ECMAScript's JSON.stringify writes them, UTF-8.
//
// A value JSON cannot hold (NaN, ±Infinity, a bigint, a function, undefined in an array) is
// refused with its path rather than written as something else, so a signer and a checker can
// never hash different bytes for one value. Undefined object members are left out and toJSON()
// is honoured, as JSON.stringify does. One deliberate leniency: a lone UTF-16 surrogate in a
// string (which RFC 8785's I-JSON input excludes) is written as its \u escape, as JSON.stringify
// does, so a contribution whose text holds one still has a report. Browser-safe.
import { OneTTError } from "./errors.ts";

/** A value that has no JSON form, with the path to it ("report.tokens.out"). */
export class NotJsonError extends OneTTError {
  override name = "NotJsonError";
  readonly path: string;

  constructor(path: string, what: string, hint?: string) {
    super(`${path} ${what}, which JSON cannot hold.`, { hint });
    this.path = path;
  }
}

function encode(value: unknown, path: string): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new NotJsonError(path, `is ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map((item: unknown, i) => {
        if (item === undefined) throw new NotJsonError(`${path}[${i}]`, "is undefined");
        return encode(item, `${path}[${i}]`);
      })
      .join(",")}]`;
  }
  if (typeof value === "object") {
    const withJson = value as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === "function") return encode(withJson.toJSON(), path);
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${encode(record[k], `${path}.${k}`)}`);
    return `{${members.join(",")}}`;
  }
  if (typeof value === "bigint") throw new NotJsonError(path, "is a bigint", "Write big numbers as decimal strings.");
  throw new NotJsonError(path, `is a ${typeof value}`);
}

/** The canonical JSON text of `value`; `name` starts the path an error names. */
export function canonicalJson(value: unknown, name = "value"): string {
  return encode(value, name);
}

/** The canonical UTF-8 bytes of `value`: what is hashed and what is stored. */
export function canonicalJsonBytes(value: unknown, name = "value"): Uint8Array {
  return new TextEncoder().encode(encode(value, name));
}
