// Parquet: one text column, read one row group at a time through the file's footer, so memory
// is bounded by a row group's text column, never by the file.
import { open } from "node:fs/promises";
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import type { SourceDocument } from "../block.ts";
import type { ReadContext } from "./context.ts";
import { ReaderError } from "./errors.ts";

/** Random access to a local file, as hyparquet wants it. */
async function fileBuffer(path: string): Promise<{ buffer: AsyncBuffer; close: () => Promise<void> }> {
  const handle = await open(path, "r");
  const { size } = await handle.stat();
  const buffer: AsyncBuffer = {
    byteLength: size,
    async slice(start: number, end: number = size): Promise<ArrayBuffer> {
      const length = Math.max(0, Math.min(end, size) - start);
      const bytes = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(bytes, done, length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return bytes.buffer;
    },
  };
  return { buffer, close: () => handle.close() };
}

function checkColumn(meta: FileMetaData, field: string, file: string): void {
  const columns = parquetSchema(meta).children;
  const column = columns.find((c) => c.element.name === field);
  if (!column) {
    throw new ReaderError("missing_column", file, `has no column "${field}" (columns: ${columns.map((c) => JSON.stringify(c.element.name)).join(", ")}).`,
      "Set the reader's textField option to the name of the text column.");
  }
  const e = column.element;
  if (column.children.length > 0 || e.type !== "BYTE_ARRAY" || e.repetition_type === "REPEATED") {
    throw new ReaderError("not_a_text_column", file, `column "${field}" is not a string column (type ${e.type ?? "group"}${e.repetition_type === "REPEATED" ? ", repeated" : ""}).`,
      "Point textField at a column of strings (BYTE_ARRAY / STRING).");
  }
}

/** Where the text column's data of a row group ends in the file (for progress). */
function groupEnd(meta: FileMetaData, group: number): number {
  let end = 0;
  for (const chunk of meta.row_groups[group].columns) {
    const m = chunk.meta_data;
    if (!m) continue;
    const start = Number(m.dictionary_page_offset ?? m.data_page_offset);
    end = Math.max(end, start + Number(m.total_compressed_size));
  }
  return end;
}

/** `countBytes` false when the file is a spooled copy whose bytes were already counted. */
export async function* readParquet(path: string, ctx: ReadContext, countBytes: boolean): AsyncGenerator<SourceDocument[]> {
  const { buffer, close } = await fileBuffer(path);
  const field = ctx.options.textField;
  const max = ctx.options.maxDocumentBytes;
  let reported = 0;
  const progress = (upTo: number) => {
    const to = Math.min(upTo, buffer.byteLength);
    if (to > reported) {
      if (countBytes) ctx.sink.bytes(to - reported);
      reported = to;
    }
  };
  try {
    let meta: FileMetaData;
    try {
      meta = await parquetMetadataAsync(buffer);
    } catch (e) {
      throw new ReaderError("bad_parquet", ctx.file, `is not a readable Parquet file (${(e as Error).message}).`,
        "Check that the upload is complete and was written by a Parquet library.");
    }
    checkColumn(meta, field, ctx.file);
    let rowStart = 0;
    for (let g = 0; g < meta.row_groups.length; g++) {
      const count = Number(meta.row_groups[g].num_rows);
      const rowEnd = rowStart + count;
      if (count === 0) continue;
      let rows: unknown[][] = [];
      try {
        await parquetRead({
          file: buffer,
          metadata: meta,
          columns: [field],
          rowStart,
          rowEnd,
          compressors,
          utf8: false,
          // Strings stay bytes: decoded here with the reader's strict UTF-8 policy.
          parsers: { stringFromBytes: (bytes: Uint8Array) => bytes },
          onComplete: (r: unknown[][]) => {
            rows = r;
          },
        });
      } catch (e) {
        ctx.report(rowStart + 1, "bad_row_group", `row group ${g} (rows ${rowStart + 1}–${rowEnd}) cannot be read (${(e as Error).message}); skipped`);
        rowStart = rowEnd;
        progress(groupEnd(meta, g));
        continue;
      }
      const batch: SourceDocument[] = [];
      for (let i = 0; i < rows.length; i++) {
        const value = rows[i][0];
        const line = rowStart + i + 1;
        if (value === null || value === undefined) {
          ctx.report(line, "missing_field", `"${field}" is null`);
        } else if (value instanceof Uint8Array) {
          if (value.length > max) {
            ctx.report(line, "too_large", `text longer than ${max} bytes; skipped`);
            continue;
          }
          const text = ctx.decode(value, line);
          if (text !== null) ctx.accept(text, line, batch);
        } else if (typeof value === "string") {
          ctx.accept(value, line, batch);
        } else {
          ctx.report(line, "not_a_string", `"${field}" is a ${typeof value}, not a string`);
        }
      }
      rows = [];
      rowStart = rowEnd;
      progress(groupEnd(meta, g));
      if (batch.length > 0) yield batch;
    }
    progress(buffer.byteLength);
  } finally {
    await close();
  }
}
