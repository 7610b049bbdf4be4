// Plain text: a whole file, blank-line-separated blocks, or single lines as documents.
import type { SourceDocument } from "../block.ts";
import type { ReadContext } from "./context.ts";
import { eachLine, type RegionHandler } from "./lines.ts";

const CR = 13;

/** A line with nothing but spaces, tabs and a carriage return separates blocks. */
function isBlankLine(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== CR) return false;
  }
  return true;
}

/** One document per line; a CRLF line ending loses its "\r". */
export function linesHandler(ctx: ReadContext, out: SourceDocument[]): RegionHandler {
  const max = ctx.options.maxDocumentBytes;
  return (region, firstLine) =>
    eachLine(region, firstLine, (bytes, n) => {
      if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, -1);
      if (bytes.length > max) return ctx.report(n, "too_large", `line longer than ${max} bytes; skipped`);
      const text = ctx.decode(bytes, n);
      if (text !== null) ctx.accept(text, n, out);
    });
}

/**
 * One document per block of lines between blank lines. A block keeps its bytes as they were
 * (line endings included, the last one excluded); its line number is that of its first line.
 */
export class BlocksHandler {
  private readonly ctx: ReadContext;
  private readonly out: SourceDocument[];
  private lines: Buffer[] = [];
  private length = 0;
  private start = 0;
  private oversize = false;

  constructor(ctx: ReadContext, out: SourceDocument[]) {
    this.ctx = ctx;
    this.out = out;
  }

  readonly onRegion: RegionHandler = (region, firstLine) =>
    eachLine(region, firstLine, (bytes, n) => {
      if (isBlankLine(bytes)) return this.flush();
      if (this.lines.length === 0 && !this.oversize) this.start = n;
      if (this.oversize) return;
      this.length += bytes.length + 1;
      if (this.length > this.ctx.options.maxDocumentBytes + 1) {
        this.ctx.report(this.start, "too_large", `block longer than ${this.ctx.options.maxDocumentBytes} bytes; skipped`);
        this.oversize = true;
        this.lines = [];
        return;
      }
      this.lines.push(bytes);
    });

  /** A blank line or the end of the input closes the current block. */
  flush(): void {
    if (this.lines.length > 0) {
      const parts: Buffer[] = [];
      for (let i = 0; i < this.lines.length; i++) {
        if (i > 0) parts.push(NEWLINE);
        parts.push(this.lines[i]);
      }
      let bytes = Buffer.concat(parts);
      if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, -1);
      const text = this.ctx.decode(bytes, this.start);
      if (text !== null) this.ctx.accept(text, this.start, this.out);
    }
    this.lines = [];
    this.length = 0;
    this.oversize = false;
  }
}

const NEWLINE = Buffer.from("\n");

/** The whole input is one document (line 1), up to the size limit. */
export class FileCollector {
  private readonly ctx: ReadContext;
  private chunks: Buffer[] = [];
  private length = 0;
  private oversize = false;

  constructor(ctx: ReadContext) {
    this.ctx = ctx;
  }

  push(chunk: Buffer): void {
    if (this.oversize) return;
    this.length += chunk.length;
    if (this.length > this.ctx.options.maxDocumentBytes) {
      this.ctx.report(1, "too_large", `file longer than ${this.ctx.options.maxDocumentBytes} bytes; skipped (read it with textMode "blocks" or "lines")`);
      this.oversize = true;
      this.chunks = [];
      return;
    }
    this.chunks.push(chunk);
  }

  end(out: SourceDocument[]): void {
    if (this.oversize) return;
    const text = this.ctx.decode(Buffer.concat(this.chunks, this.length), 1);
    this.chunks = [];
    if (text !== null) this.ctx.accept(text, 1, out);
  }
}
