// Speed of the dedup blocks on one core: fingerprint MB/s on English prose (the project's
// benchmark corpus of manual pages), then DedupIndex check+add per second and bytes per document.
//   node oracle/pipeline/dedup/bench.ts [corpus.jsonl] [MB=16] [indexDocs=1000000]
// Without a corpus path it uses .bench/corpus.jsonl, building a small one in /tmp if missing.
import { existsSync, readFileSync } from "node:fs";
import { Fingerprinter } from "./fingerprint.ts";
import { DedupIndex } from "./index.ts";
import { seededUint32 } from "./hash.ts";

async function corpusTexts(path: string | undefined, megabytes: number): Promise<string[]> {
  let file = path || ".bench/corpus.jsonl";
  if (!existsSync(file)) {
    file = "/tmp/1tt-dedup-bench/corpus.jsonl";
    if (!existsSync(file)) {
      const { buildCorpus } = await import("../../../scripts/bench/corpus.ts");
      await buildCorpus(file, { targetBytes: megabytes * 1024 * 1024, exactDuplicateRate: 0.04, nearDuplicateRate: 0.04, seed: 1 });
    }
  }
  const texts: string[] = [];
  let bytes = 0;
  const raw = readFileSync(file, "utf8");
  for (let start = 0; start < raw.length && bytes < megabytes * 1024 * 1024; ) {
    let end = raw.indexOf("\n", start);
    if (end < 0) end = raw.length;
    const text = (JSON.parse(raw.slice(start, end)) as { text: string }).text;
    texts.push(text);
    bytes += Buffer.byteLength(text);
    start = end + 1;
  }
  return texts;
}

function benchFingerprint(texts: string[]): void {
  const f = new Fingerprinter();
  const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  for (let i = 0; i < Math.min(200, texts.length); i++) f.fingerprint(texts[i]); // warm-up
  let best = Infinity;
  let shingles = 0;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    shingles = 0;
    for (const t of texts) shingles += f.fingerprint(t).shingles;
    best = Math.min(best, performance.now() - t0);
  }
  const mbs = bytes / 1e6 / (best / 1000);
  console.log(
    `fingerprint: ${(bytes / 1e6).toFixed(1)} MB, ${texts.length} docs, ${shingles} shingles -> ${mbs.toFixed(1)} MB/s (best of 3, one core)`,
  );
}

function benchIndex(docs: number): void {
  const k = 14 * 8;
  const next = seededUint32(7);
  const index = new DedupIndex();
  // Synthetic fingerprints: random signatures, 1% exact repeats, 1% near copies (90% equal values).
  // One buffer for all signatures, as a runner receives them in batches from its workers.
  const all = new Uint32Array(docs * k);
  const fps = [];
  for (let i = 0; i < docs; i++) {
    const sig = all.subarray(i * k, (i + 1) * k);
    const r = next() % 100;
    if (r === 0 && i > 0) {
      fps.push(fps[next() % i]);
      continue;
    }
    if (r === 1 && i > 0) {
      const src = fps[next() % i];
      sig.set(src.signature);
      for (let j = 0; j < k; j++) if (next() % 10 === 0) sig[j] = next();
    } else {
      for (let j = 0; j < k; j++) sig[j] = next();
    }
    fps.push({ exact: [next(), next()] as [number, number], signature: sig, shingles: 100 });
  }
  const t0 = performance.now();
  let dup = 0;
  for (let i = 0; i < docs; i++) {
    const m = index.check(fps[i], 0);
    if (m) dup++;
    else index.add(fps[i], { submission: 0, document: i });
  }
  const ms = performance.now() - t0;
  const stats = index.stats();
  console.log(
    `index: ${docs} check(+add) in ${ms.toFixed(0)} ms -> ${((docs / ms) * 1000 / 1e6).toFixed(2)} M ops/s; ` +
      `${dup} duplicates; ${stats.documents} kept; ${stats.bytes} bytes = ${(stats.bytes / stats.documents).toFixed(0)} bytes/doc`,
  );
}

const [path, mb, n] = process.argv.slice(2);
benchFingerprint(await corpusTexts(path, Number(mb ?? 16)));
benchIndex(Number(n ?? 1_000_000));
