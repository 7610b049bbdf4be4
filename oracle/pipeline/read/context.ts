// What every format reader shares: the file's name, the options, and the rules that turn bytes
// into an accepted document (UTF-8 policy, lone surrogates, empty documents), all reported to
// the sink with the file and line.
import { isAscii } from "node:buffer";
import type { ReaderSink, SourceDocument } from "../block.ts";
import type { ResolvedReaderOptions } from "./options.ts";

/** ES2024 string methods (Node 20+); the project's TypeScript lib is ES2023. */
interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}
const wellFormed = (s: string): WellFormedString => s as unknown as WellFormedString;

const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const replacingDecoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** Decodes strict UTF-8; null when the bytes are not valid UTF-8. */
export function decodeStrict(bytes: Uint8Array): string | null {
  // ASCII (checked at SIMD speed) is its own one-byte string: a plain copy, no UTF-8 decoding.
  if (bytes.length > 64 && isAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  try {
    return fatalDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Decodes with U+FFFD for every maximal invalid subsequence (WHATWG Encoding, deterministic). */
export const decodeReplacing = (bytes: Uint8Array): string => replacingDecoder.decode(bytes);

export class ReadContext {
  readonly file: string;
  readonly options: ResolvedReaderOptions;
  readonly sink: ReaderSink;
  /** Issues reported so far, by kind (for the "nothing readable" error). */
  readonly issueCounts = new Map<string, number>();
  firstIssue: { line: number; kind: string; message: string } | null = null;
  /** Where the reader is (the next line or row), for a problem that cuts the input short. */
  position: () => number = () => 1;

  constructor(file: string, options: ResolvedReaderOptions, sink: ReaderSink) {
    this.file = file;
    this.options = options;
    this.sink = sink;
  }

  report(line: number, kind: string, message: string): void {
    this.issueCounts.set(kind, (this.issueCounts.get(kind) ?? 0) + 1);
    this.firstIssue ??= { line, kind, message };
    this.sink.issue({ file: this.file, line, kind, message });
  }

  /** Bytes of one document or record to text under the invalid-UTF-8 policy; null = skip it. */
  decode(bytes: Uint8Array, line: number): string | null {
    const text = decodeStrict(bytes);
    if (text !== null) return text;
    return this.invalidUtf8(bytes, line);
  }

  /** For a caller that already found the bytes invalid: report, then skip or replace. */
  invalidUtf8(bytes: Uint8Array, line: number): string | null {
    const replace = this.options.invalidUtf8 === "replace";
    this.report(line, "invalid_utf8", `not valid UTF-8; ${replace ? "invalid bytes replaced by U+FFFD" : "skipped"}`);
    return replace ? decodeReplacing(bytes) : null;
  }

  /**
   * Applies the rules every document passes before it is yielded: well-formed UTF-16 (a JSON
   * "\ud800" escape decodes to a lone surrogate that no UTF-8 output can hold), not empty.
   */
  accept(text: string, line: number, out: SourceDocument[]): void {
    if (!wellFormed(text).isWellFormed()) {
      const replace = this.options.invalidUtf8 === "replace";
      this.report(line, "invalid_unicode", `text contains an unpaired surrogate; ${replace ? "replaced by U+FFFD" : "skipped"}`);
      if (!replace) return;
      text = wellFormed(text).toWellFormed();
    }
    if (isBlank(text)) {
      this.report(line, "empty_document", "empty or whitespace-only text; skipped");
      return;
    }
    out.push({ text, file: this.file, line });
  }
}

/** True when the text has no character other than JavaScript whitespace. */
export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const c = text.charCodeAt(0);
  // Fast exit: most documents start with a visible character.
  if (c > 0x20 && c !== 0xa0 && c < 0x1680) return false;
  return text.trim().length === 0;
}
