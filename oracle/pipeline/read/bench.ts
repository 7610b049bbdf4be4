// Reader throughput on generated data: `node oracle/pipeline/read/bench.ts [MiB]` (default 64).
// Prints MiB/s of uncompressed input per format. Short by design: the machines are shared.
import { writeFileSync } from "node:fs";
import { gzipSync, zstdCompressSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import { readDocumentBatches, type ReaderOptions } from "./index.ts";
import { tempDir } from "./testing.ts";

const MIB = 1024 * 1024;
const target = Number(process.argv[2] ?? 64) * MIB;
const WORDS = "the of and to in is that for it as with was on be by this are from at or an which have not but had were their one all can has more also its été über naïve 東京 данные".split(" ");

let seed = 1;
/** mulberry32: a small deterministic generator without short cycles in its output. */
const rand = (n: number): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) % n;
};
function paragraph(): string {
  const words: string[] = [];
  for (let n = 50 + rand(400); n > 0; n--) words.push(WORDS[rand(WORDS.length)]);
  return words.join(" ") + ".";
}

const docs: string[] = [];
for (let size = 0; size < target; ) {
  const text = `${paragraph()}\n${paragraph()}`;
  docs.push(text);
  size += Buffer.byteLength(text);
}
const ascii = Buffer.from(docs.map((text, id) => JSON.stringify({ id, text: text.replace(/[^\x00-\x7f]+/g, "e") })).join("\n") + "\n");
const jsonl = Buffer.from(docs.map((text, id) => JSON.stringify({ id, text })).join("\n") + "\n");
const csv = Buffer.from("id,text\n" + docs.map((t, i) => `${i},"${t.replaceAll('"', '""')}"`).join("\n") + "\n");
const blocks = Buffer.from(docs.map((t) => t.replaceAll("\n", " ")).join("\n\n") + "\n");
const parquet = Buffer.from(parquetWriteBuffer({ columnData: [{ name: "text", data: docs, type: "STRING" }], rowGroupSize: 20000 }));

const tmp = tempDir();
const inputs: [string, Buffer, ReaderOptions, number][] = [
  ["x.jsonl", jsonl, {}, jsonl.length],
  ["x.jsonl (ASCII)", ascii, {}, ascii.length],
  ["x.jsonl.gz", gzipSync(jsonl, { level: 1 }), {}, jsonl.length],
  ["x.jsonl.zst", zstdCompressSync(jsonl), {}, jsonl.length],
  ["x.csv", csv, {}, csv.length],
  ["x.txt (blocks)", blocks, { textMode: "blocks" }, blocks.length],
  ["x.txt (lines)", blocks, { textMode: "lines" }, blocks.length],
  ["x.parquet", parquet, {}, jsonl.length],
];
const sink = { issue: () => {}, bytes: () => {} };
console.log(`${docs.length} documents, ${(jsonl.length / MIB).toFixed(0)} MiB of JSONL`);
for (const [label, bytes, options, size] of inputs) {
  const name = label.split(" ")[0];
  const path = tmp.file(name, bytes);
  let best = Infinity;
  let count = 0;
  for (let run = 0; run < 2; run++) {
    const start = performance.now();
    count = 0;
    for await (const batch of readDocumentBatches(path, name, options, sink)) count += batch.length;
    best = Math.min(best, performance.now() - start);
  }
  console.log(`${label.padEnd(16)} ${(size / MIB / (best / 1000)).toFixed(0).padStart(5)} MiB/s  (${count} documents, ${(size / MIB).toFixed(0)} MiB input${size === bytes.length ? "" : ` as JSONL, ${(bytes.length / MIB).toFixed(0)} MiB file`})`);
}
tmp.remove();
