// The readers' entry point: a file or a stream in, documents out, problems to the sink.
//
// Decisions (see README.md in this folder for the why):
// - Format comes from the name and must agree with the first bytes (else ReaderError).
// - Per-record problems are reported and skipped; the input fails as a whole only when not one
//   document could be read (ReaderError "nothing_readable", saying what went wrong most).
// - Corrupt or truncated compressed data: the documents before the damage are kept, the damage
//   is reported as "corrupt_compression" and reading stops there.
import type { ReaderSink, SourceDocument } from "../block.ts";
import { CorruptInput, decompress, peek, rawChunks, spool, type ByteSource } from "./bytes.ts";
import { ReadContext } from "./context.ts";
import { readCsv } from "./csv.ts";
import { checkInner, checkMagic, detectFormat, formatFromName, MAGIC_LENGTH, type DetectedFormat } from "./detect.ts";
import { ReaderError } from "./errors.ts";
import { jsonlHandler } from "./jsonl.ts";
import { LineSplitter, type RegionHandler } from "./lines.ts";
import { resolveReaderOptions, type ReaderOptions } from "./options.ts";
import { readParquet } from "./parquet.ts";
import { BlocksHandler, FileCollector, linesHandler } from "./text.ts";

export type { ByteSource } from "./bytes.ts";
export { detectFormat, formatFromName, sniff, type Compression, type DetectedFormat, type Format } from "./detect.ts";
export { ReaderError, type ReaderErrorCode } from "./errors.ts";
export type { InvalidUtf8Policy, ReaderOptions, TextMode } from "./options.ts";

/** Every document of one input, one at a time. */
export async function* readDocuments(source: ByteSource, displayName: string, options: ReaderOptions, sink: ReaderSink): AsyncGenerator<SourceDocument> {
  for await (const batch of readDocumentBatches(source, displayName, options, sink)) yield* batch;
}

/**
 * The same documents in batches (in order; one await per batch instead of one per document).
 * `source` is a local path or the bytes themselves (a Node Readable, a web stream, any async
 * iterable of Uint8Array); `displayName` names the input in documents and issues and gives its
 * format by extension. Parquet from a stream or compressed is spooled to a temporary file first
 * (its footer is at the end), which is removed afterwards.
 */
export async function* readDocumentBatches(source: ByteSource, displayName: string, options: ReaderOptions, sink: ReaderSink): AsyncGenerator<SourceDocument[]> {
  const ctx = new ReadContext(displayName, resolveReaderOptions(options), sink);
  let yielded = 0;
  try {
    for await (const batch of byFormat(source, ctx)) {
      if (batch.length === 0) continue;
      yielded += batch.length;
      yield batch;
    }
  } catch (e) {
    if (!(e instanceof CorruptInput)) throw e;
    ctx.report(ctx.position(), "corrupt_compression", `${e.message}; reading stopped here`);
  }
  if (yielded === 0) throw nothingReadable(ctx);
}

async function* byFormat(source: ByteSource, ctx: ReadContext): AsyncGenerator<SourceDocument[]> {
  const name = ctx.file;
  let detected: DetectedFormat = formatFromName(name, ctx.options.format);
  if (typeof source === "string" && detected.format === "parquet" && detected.compression === "none") {
    await detectFormat(source, name, ctx.options.format);
    yield* readParquet(source, ctx, true);
    return;
  }
  const raw = await peek(rawChunks(source, ctx.sink), MAGIC_LENGTH);
  detected = checkMagic(name, detected, raw.head);
  const data = await peek(decompress(raw.all, detected.compression), MAGIC_LENGTH);
  if (detected.compression !== "none") checkInner(name, detected.format, data.head);

  switch (detected.format) {
    case "parquet": {
      const spooled = await spool(data.all, ctx.options.tmpDir);
      try {
        yield* readParquet(spooled.path, ctx, false);
      } finally {
        await spooled.cleanup();
      }
      return;
    }
    case "csv":
    case "tsv":
      yield* readCsv(stripBom(data.all), ctx, ctx.options.csvDelimiter ?? (detected.format === "tsv" ? "\t" : ","));
      return;
    case "jsonl":
      yield* byLines(stripBom(data.all), ctx, (out) => ({ onRegion: jsonlHandler(ctx, out) }));
      return;
    case "text":
      yield* readText(stripBom(data.all), ctx);
      return;
  }
}

async function* readText(chunks: AsyncIterable<Buffer>, ctx: ReadContext): AsyncGenerator<SourceDocument[]> {
  switch (ctx.options.textMode) {
    case "lines":
      yield* byLines(chunks, ctx, (out) => ({ onRegion: linesHandler(ctx, out) }));
      return;
    case "blocks":
      yield* byLines(chunks, ctx, (out) => {
        const blocks = new BlocksHandler(ctx, out);
        return { onRegion: blocks.onRegion, end: () => blocks.flush() };
      });
      return;
    case "file": {
      const collector = new FileCollector(ctx);
      for await (const chunk of chunks) collector.push(chunk);
      const out: SourceDocument[] = [];
      collector.end(out);
      yield out;
    }
  }
}

/** Feeds the input through a LineSplitter; yields what the handler collected after each chunk. */
async function* byLines(
  chunks: AsyncIterable<Buffer>,
  ctx: ReadContext,
  makeHandler: (out: SourceDocument[]) => { onRegion: RegionHandler; end?: () => void },
): AsyncGenerator<SourceDocument[]> {
  const out: SourceDocument[] = [];
  const handler = makeHandler(out);
  const max = ctx.options.maxDocumentBytes;
  const splitter = new LineSplitter(max, handler.onRegion, (line) =>
    ctx.report(line, "too_large", `line longer than ${max} bytes; skipped`));
  ctx.position = () => splitter.lineCount + 1;
  for await (const chunk of chunks) {
    splitter.push(chunk);
    if (out.length > 0) yield out.splice(0);
  }
  splitter.end();
  handler.end?.();
  if (out.length > 0) yield out.splice(0);
}

/** Drops a UTF-8 byte order mark at the very start of the input (an encoding mark, not text). */
async function* stripBom(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let head: Buffer | null = Buffer.alloc(0);
  for await (const chunk of chunks) {
    if (head === null) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < 3) continue;
    yield head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
    head = null;
  }
  if (head !== null && head.length > 0) yield head;
}

const HINTS: Record<string, string> = {
  bad_json: 'Each line must be one JSON object, e.g. {"text": "..."}.',
  not_an_object: 'Each line must be one JSON object, e.g. {"text": "..."}.',
  missing_field: "Set the reader's textField option to the field that holds the text.",
  not_a_string: "The text field must hold a string; set textField to the field that does.",
  invalid_utf8: 'Save the file as UTF-8, or read it with invalidUtf8: "replace".',
  invalid_unicode: 'Remove the unpaired surrogate escapes, or read it with invalidUtf8: "replace".',
  empty_document: "Every text in it is empty.",
  too_large: "Split the text into smaller documents, or raise maxDocumentBytes.",
  bad_row: "Check the CSV quoting and that every row has as many fields as the header.",
  bad_row_group: "The Parquet file is damaged; write it again.",
  corrupt_compression: "The compressed data is damaged or cut short; upload it again.",
};

function nothingReadable(ctx: ReadContext): ReaderError {
  const first = ctx.firstIssue;
  if (first === null) {
    return new ReaderError("nothing_readable", ctx.file, "holds no document (it is empty).", "Upload a file with at least one non-empty text.");
  }
  const kinds = [...ctx.issueCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const summary = kinds.map(([kind, n]) => `${n} ${kind}`).join(", ");
  const code = first.kind === "corrupt_compression" ? "corrupt_compression" : "nothing_readable";
  return new ReaderError(code, ctx.file, `no document could be read (${summary}); first problem at line ${first.line}: ${first.message}.`,
    HINTS[kinds[0][0]] ?? "Check the file's format.");
}
