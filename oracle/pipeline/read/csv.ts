// CSV/TSV with a header row; the text is one column, found by its header name.
// The document's line is its record number with the header as record 1, which is the row number
// a spreadsheet shows (as long as no field spans several lines).
import { Readable } from "node:stream";
import { parse, type CsvError } from "csv-parse";
import type { SourceDocument } from "../block.ts";
import { CorruptInput } from "./bytes.ts";
import { decodeStrict, type ReadContext } from "./context.ts";
import { ReaderError } from "./errors.ts";

export async function* readCsv(chunks: AsyncIterable<Buffer>, ctx: ReadContext, delimiter: string): AsyncGenerator<SourceDocument[]> {
  const field = ctx.options.textField;
  let records = 0; // records seen so far, the header and skipped ones included
  let sourceError: unknown = null;
  const source = Readable.from(chunks);
  const parser = parse({
    encoding: null, // fields as bytes: decoded here, strictly, one record at a time
    delimiter,
    bom: false, // stripped before (csv-parse mangles it when fields are bytes)
    relax_quotes: true, // a quote inside an unquoted field is text, not an error
    relax_column_count: true, // checked here, to report the row instead of stopping
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: ctx.options.maxDocumentBytes,
    on_skip: (err: CsvError | undefined) => {
      records += 1;
      const where = err?.lines ? ` (near line ${err.lines})` : "";
      ctx.report(records, "bad_row", `${err?.code === "CSV_QUOTE_NOT_CLOSED" ? "a quoted field is never closed" : err?.code === "CSV_MAX_RECORD_SIZE" ? "record too large" : "not a valid CSV record"}${where}; skipped`);
    },
  });
  source.on("error", (e) => {
    sourceError = e;
    parser.destroy(e);
  });
  source.pipe(parser);

  ctx.position = () => records + 1;
  let column = -1;
  let width = 0;
  let batch: SourceDocument[] = [];
  try {
    for await (const record of parser as AsyncIterable<Buffer[]>) {
      records += 1;
      if (column < 0) {
        const names = record.map((b) => decodeStrict(b));
        if (names.some((name) => name === null)) {
          throw new ReaderError("bad_header", ctx.file, "the header row is not valid UTF-8.", "Save the file as UTF-8.");
        }
        column = names.indexOf(field);
        if (column < 0) {
          throw new ReaderError("missing_column", ctx.file, `the header has no column "${field}" (columns: ${names.map((n) => JSON.stringify(n)).join(", ")}).`,
            "Name the text column in the header, or set the reader's textField option to the column's name.");
        }
        width = record.length;
        continue;
      }
      if (record.length !== width) {
        ctx.report(records, "bad_row", `${record.length} fields where the header has ${width}; skipped`);
        continue;
      }
      const text = ctx.decode(record[column], records);
      if (text !== null) ctx.accept(text, records, batch);
      if (batch.length >= 256) {
        yield batch;
        batch = [];
      }
    }
  } catch (e) {
    if (sourceError instanceof CorruptInput) {
      if (batch.length > 0) yield batch;
      throw sourceError;
    }
    throw sourceError ?? e;
  } finally {
    source.destroy();
  }
  if (batch.length > 0) yield batch;
  if (column < 0) {
    throw new ReaderError("bad_header", ctx.file, "has no header row (the file is empty).", "A CSV needs a header row naming its columns.");
  }
}
