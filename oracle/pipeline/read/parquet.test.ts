import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { gzipSync, zstdCompressSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import { chunked, collect, kinds, tempDir, texts } from "./testing.ts";

const tmp = tempDir();
after(() => tmp.remove());

const parquet = (columns: { name: string; data: unknown[]; type?: string }[], rowGroupSize = 3): Buffer =>
  Buffer.from(parquetWriteBuffer({ columnData: columns as never, rowGroupSize }));

describe("Parquet reader", () => {
  const rows = ["one", "two", null, "", "five ✓", "six", "seven"];
  const file = parquet([
    { name: "id", data: rows.map((_, i) => i), type: "INT32" },
    { name: "text", data: rows, type: "STRING" },
  ]);

  it("reads the text column row group by row group, numbering rows from 1", async () => {
    const got = await collect(tmp.file("a.parquet", file), "a.parquet");
    assert.deepEqual(got.docs.map((d) => [d.line, d.text]), [[1, "one"], [2, "two"], [5, "five ✓"], [6, "six"], [7, "seven"]]);
    assert.deepEqual(kinds(got), ["3:missing_field", "4:empty_document"]);
    assert.equal(got.bytes, file.length);
  });

  it("reads gzip and zstd compressed Parquet and Parquet from a stream (spooled to a temporary file)", async () => {
    const expected = ["one", "two", "five ✓", "six", "seven"];
    assert.deepEqual(texts(await collect(tmp.file("b.parquet.gz", gzipSync(file)), "b.parquet.gz")), expected);
    const zst = zstdCompressSync(file);
    const fromZst = await collect(tmp.file("c.parquet.zst", zst), "c.parquet.zst");
    assert.deepEqual(texts(fromZst), expected);
    assert.equal(fromZst.bytes, zst.length);
    assert.deepEqual(texts(await collect(chunked(file, [1, 7, 100]), "upload.parquet")), expected);
  });

  it("fails at once, naming the columns, when the text column is missing or not strings", async () => {
    const path = tmp.file("d.parquet", file);
    await assert.rejects(collect(path, "d.parquet", { textField: "body" }), /no column "body" \(columns: "id", "text"\)/);
    await assert.rejects(collect(path, "d.parquet", { textField: "id" }), (e: Error & { code?: string }) => e.code === "not_a_text_column");
  });

  it("reports invalid UTF-8 in an unannotated byte-array column", async () => {
    const bytes = [new TextEncoder().encode("fine"), new Uint8Array([0x61, 0xff])];
    const got = await collect(tmp.file("e.parquet", parquet([{ name: "text", data: bytes, type: "BYTE_ARRAY" }])), "e.parquet");
    assert.deepEqual(texts(got), ["fine"]);
    assert.deepEqual(kinds(got), ["2:invalid_utf8"]);
  });

  it("refuses a truncated file with a clear error", async () => {
    await assert.rejects(collect(tmp.file("f.parquet", file.subarray(0, file.length - 20)), "f.parquet"), /not a readable Parquet file/);
  });
});
