import assert from "node:assert/strict";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { after, describe, it } from "node:test";
import { createGzip } from "node:zlib";
import { readDocumentBatches } from "./index.ts";
import { tempDir } from "./testing.ts";

const tmp = tempDir();
after(() => tmp.remove());

const MIB = 1024 * 1024;

/** About 1 MiB of JSONL, its lines different from each other's, with some non-ASCII text. */
function block(seed: number): { bytes: Buffer; lines: number } {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < MIB; i++) {
    const line = JSON.stringify({ id: seed * 100000 + i, text: `Document ${seed}.${i}: ${"the quick brown fox, ".repeat(8 + (i % 40))}naïve café ✓ ${i}` });
    lines.push(line);
    size += line.length + 1;
  }
  return { bytes: Buffer.from(lines.join("\n") + "\n"), lines: lines.length };
}

describe("reading a large input", () => {
  it("streams 200 MB of gzip-compressed JSONL with the heap bounded", async () => {
    const path = join(tmp.dir, "big.jsonl.gz");
    const blocks = [block(1), block(2), block(3), block(4)];
    let expected = 0;
    const uncompressed = 200 * MIB;
    async function* generate(): AsyncGenerator<Buffer> {
      let written = 0;
      for (let i = 0; written < uncompressed; i++) {
        const b = blocks[i % blocks.length];
        expected += b.lines;
        written += b.bytes.length;
        yield b.bytes;
      }
    }
    await pipeline(Readable.from(generate()), createGzip({ level: 1 }), createWriteStream(path));

    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let docs = 0;
    let bytes = 0;
    let batches = 0;
    const sink = { issue: () => assert.fail("no issue expected"), bytes: (n: number) => (bytes += n) };
    const started = performance.now();
    for await (const batch of readDocumentBatches(path, "big.jsonl.gz", {}, sink)) {
      docs += batch.length;
      if (++batches % 50 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }
    const seconds = (performance.now() - started) / 1000;
    assert.equal(docs, expected);
    // Everything read stays alive only until the next batch: the heap must not grow with the input.
    assert.ok(peak < 96 * MIB, `heap grew by ${(peak / MIB).toFixed(0)} MiB while reading 200 MiB`);
    console.log(`# 200 MiB JSONL.gz: ${docs} documents in ${seconds.toFixed(2)} s (${(uncompressed / MIB / seconds).toFixed(0)} MiB/s uncompressed, ${(bytes / MIB).toFixed(1)} MiB compressed), heap peak +${(peak / MIB).toFixed(0)} MiB`);
  });
});
