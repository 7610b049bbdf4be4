// JSON Lines: one JSON object per line, the text in one (possibly nested) field.
import type { SourceDocument } from "../block.ts";
import { decodeStrict, isBlank, type ReadContext } from "./context.ts";
import { eachLine, type RegionHandler } from "./lines.ts";

/** A short, engine-independent excerpt for messages (JSON.parse's own wording varies by V8 version). */
const excerpt = (line: string): string => JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}…` : line);

export function jsonlHandler(ctx: ReadContext, out: SourceDocument[]): RegionHandler {
  const field = ctx.options.textField;
  const path = field.includes(".") ? field.split(".") : null;
  const max = ctx.options.maxDocumentBytes;

  const lookup = (record: Record<string, unknown>): unknown => {
    const direct = record[field];
    if (direct !== undefined || path === null) return direct;
    let value: unknown = record;
    for (const key of path) {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  };

  const parseLine = (line: string, n: number): void => {
    if (isBlank(line)) return; // blank lines separate nothing in JSONL; they are not documents
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      ctx.report(n, "bad_json", `not valid JSON: ${excerpt(line)}`);
      return;
    }
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      ctx.report(n, "not_an_object", `a JSON ${record === null ? "null" : Array.isArray(record) ? "array" : typeof record}, not an object`);
      return;
    }
    const value = lookup(record as Record<string, unknown>);
    if (value === undefined || value === null) {
      ctx.report(n, "missing_field", `no "${field}" field`);
      return;
    }
    if (typeof value !== "string") {
      ctx.report(n, "not_a_string", `"${field}" is a ${Array.isArray(value) ? "array" : typeof value}, not a string`);
      return;
    }
    ctx.accept(value, n, out);
  };

  const tooLarge = (n: number): void =>
    ctx.report(n, "too_large", `line longer than ${max} bytes; skipped`);

  return (region, firstLine) => {
    // Fast path: the whole region is valid UTF-8 (nearly always), decoded in one call and cut
    // into lines as a string. "\n" never occurs inside a multibyte character, so this gives
    // exactly what decoding line by line would.
    const text = decodeStrict(region);
    if (text === null) {
      return eachLine(region, firstLine, (bytes, n) => {
        if (bytes.length > max) return tooLarge(n);
        const line = ctx.decode(bytes, n);
        if (line !== null) parseLine(line, n);
      });
    }
    let start = 0;
    let n = firstLine;
    while (start < text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      const line = text.slice(start, end);
      if (line.length * 3 > max && Buffer.byteLength(line) > max) tooLarge(n);
      else parseLine(line, n);
      n++;
      start = end + 1;
    }
    return n - firstLine;
  };
}
