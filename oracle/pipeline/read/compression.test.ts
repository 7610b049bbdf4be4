import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { gzipSync, zstdCompressSync } from "node:zlib";
import { detectFormat, formatFromName, ReaderError } from "./index.ts";
import { chunked, collect, kinds, tempDir, texts } from "./testing.ts";

const tmp = tempDir();
after(() => tmp.remove());

const jsonl = Buffer.from('{"text":"α"}\n{"text":"β"}\n');
const csv = Buffer.from("text\nα\nβ\n");
const txt = Buffer.from("α\n\nβ\n");
const compressors = { gz: gzipSync, zst: zstdCompressSync } as const;

describe("compressed input and format detection", () => {
  for (const [ext, compress] of Object.entries(compressors)) {
    it(`reads .jsonl.${ext}, .csv.${ext} and .txt.${ext}, counting compressed bytes`, async () => {
      for (const [name, plain, options] of [["a.jsonl", jsonl, {}], ["a.csv", csv, {}], ["a.txt", txt, { textMode: "blocks" as const }]] as const) {
        const packed = compress(plain);
        const got = await collect(tmp.file(`${name}.${ext}`, packed), `${name}.${ext}`, options);
        assert.deepEqual(texts(got), ["α", "β"], name);
        assert.equal(got.bytes, packed.length);
      }
    });
  }

  it("reads concatenated gzip members as one stream", async () => {
    const packed = Buffer.concat([gzipSync(Buffer.from('{"text":"a"}\n')), gzipSync(Buffer.from('{"text":"b"}\n'))]);
    assert.deepEqual(texts(await collect(tmp.file("m.jsonl.gz", packed), "m.jsonl.gz")), ["a", "b"]);
  });

  it("names the format from the extension", () => {
    assert.deepEqual(formatFromName("dir/Data.JSONL.GZ"), { format: "jsonl", compression: "gzip" });
    assert.deepEqual(formatFromName("x.ndjson.zst"), { format: "jsonl", compression: "zstd" });
    assert.deepEqual(formatFromName("x.tsv"), { format: "tsv", compression: "none" });
    assert.deepEqual(formatFromName("x.bin.gz", "jsonl"), { format: "jsonl", compression: "gzip" });
    assert.throws(() => formatFromName("x.json"), (e: ReaderError) => e.code === "unknown_format" && /\.jsonl/.test(e.hint));
  });

  it("refuses a name that lies about the bytes, in both directions, with a hint", async () => {
    const cases: [string, Buffer, RegExp][] = [
      ["plain.jsonl.gz", jsonl, /named as gzip-compressed but is not/],
      ["packed.jsonl", gzipSync(jsonl), /gzip-compressed but its name has no \.gz/],
      ["packed.jsonl.gz", zstdCompressSync(jsonl), /named as gzip-compressed but is not \(first bytes: 28 b5 2f fd\)/],
      ["data.parquet", jsonl, /named as Parquet but does not start with "PAR1"/],
      ["double.jsonl.gz", gzipSync(gzipSync(jsonl)), /its content is gzip-compressed/],
    ];
    for (const [name, bytes, message] of cases) {
      const path = tmp.file(name, bytes);
      await assert.rejects(collect(path, name), (e: ReaderError) => {
        assert.equal(e.code, "extension_mismatch", name);
        assert.match(e.message, message);
        return true;
      });
    }
    await assert.rejects(detectFormat(tmp.file("p.jsonl.zst", jsonl), "p.jsonl.zst"), /zstd-compressed but is not/);
    assert.deepEqual(await detectFormat(tmp.file("q.csv.zst", zstdCompressSync(csv))), { format: "csv", compression: "zstd" });
  });

  it("keeps what came before damage in a compressed file, reports it, and is the same for any chunking", async () => {
    const lines = Array.from({ length: 20000 }, (_, i) => JSON.stringify({ text: `document ${i} ${"word ".repeat(i % 13)}` })).join("\n") + "\n";
    const packed = gzipSync(Buffer.from(lines));
    const truncated = packed.subarray(0, Math.floor(packed.length * 0.6));
    const a = await collect(chunked(truncated, []), "t.jsonl.gz");
    const b = await collect(chunked(truncated, Array.from({ length: 400 }, (_, i) => i * 97 + 3)), "t.jsonl.gz");
    assert.ok(a.docs.length > 1000 && a.docs.length < 20000);
    assert.deepEqual(b.docs, a.docs);
    assert.deepEqual(kinds(a), [`${a.docs.length + 1}:corrupt_compression`]);
    assert.deepEqual(b.issues, a.issues);
    await assert.rejects(collect(tmp.file("u.jsonl.gz", packed.subarray(0, 15)), "u.jsonl.gz"), (e: ReaderError) => e.code === "corrupt_compression");
  });

  it("reads a Node Readable, a web stream and an async iterable alike", async () => {
    const { Readable } = await import("node:stream");
    assert.deepEqual(texts(await collect(Readable.from([jsonl]), "r.jsonl")), ["α", "β"]);
    const web = new Blob([gzipSync(jsonl)]).stream() as unknown as AsyncIterable<Uint8Array>;
    assert.deepEqual(texts(await collect(web, "w.jsonl.gz")), ["α", "β"]);
  });
});
