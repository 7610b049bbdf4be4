// Speed of the dedup blocks on one core: fingerprint MB/s on English prose (the project's
// benchmark corpus of manual pages), then DedupIndex check+add per second and bytes per document.
//   node oracle/pipeline/dedup/bench.ts [corpus.jsonl] [MB=16] [indexDocs=1000000]
// Without a corpus path it uses .bench/corpus.jsonl, building a small one in /tmp if missing.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bandKeys, Fingerprinter, type Fingerprint } from "./fingerprint.ts";
import { DedupIndex } from "./index.ts";
import { fmix32 } from "./hash.ts";
import { loadIndex, saveIndex } from "./persist.ts";
import { NO_PASSAGE } from "./passages.ts";

/** A fingerprint of synthetic signatures has no passages (64 empty slots, the default). */
const NO_PASSAGES = new Uint32Array(64).fill(NO_PASSAGE);

async function corpusTexts(path: string | undefined, megabytes: number): Promise<string[]> {
  let file = path || ".bench/corpus.jsonl";
  if (!existsSync(file)) {
    file = "/tmp/1tt-dedup-bench/corpus.jsonl";
    if (!existsSync(file)) {
      const { buildCorpus } = await import("../testset/bench-corpus.ts");
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
  let best = { cpu: Infinity, wall: Infinity };
  let shingles = 0;
  for (let round = 0; round < 3; round++) {
    shingles = 0;
    const t = cpuMs(() => {
      for (const t of texts) shingles += f.fingerprint(t).shingles;
    });
    if (t.cpu < best.cpu) best = t;
  }
  console.log(
    `fingerprint: ${(bytes / 1e6).toFixed(1)} MB (UTF-8), ${texts.length} docs, ${shingles} shingles -> ` +
      `${(bytes / 1e3 / best.cpu).toFixed(1)} MB per CPU second (${(bytes / 1e3 / best.wall).toFixed(1)} MB/s wall), best of 3, one thread`,
  );
}

/** CPU milliseconds (user + system) of this process while `f` runs: robust to other load. */
function cpuMs(f: () => void): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall: performance.now() - t0 };
}

/** The synthetic signature of original document i: random values derived from i alone. */
function originalSignature(i: number, into: Uint32Array): void {
  for (let j = 0; j < into.length; j++) into[j] = fmix32(Math.imul(i + 1, 0x9e3779b1) ^ fmix32(j + 0x51ed));
}

/**
 * Batches of synthetic fingerprints as a runner receives them from its workers (one buffer per
 * batch, dropped after use): 98% new documents, 1% exact copies and 1% near copies (10 of 112
 * values changed) of a recent document.
 */
function* batches(docs: number, size: number): Generator<Fingerprint[]> {
  const k = 14 * 8;
  for (let first = 0; first < docs; first += size) {
    const n = Math.min(size, docs - first);
    const all = new Uint32Array(n * k);
    const batch: Fingerprint[] = [];
    for (let b = 0; b < n; b++) {
      const i = first + b;
      const sig = all.subarray(b * k, (b + 1) * k);
      const r = fmix32(i * 31 + 7) % 100;
      const source = i > 1000 && r < 2 ? i - 1 - (fmix32(i) % 1000) : i;
      originalSignature(source, sig);
      if (r === 1 && i > 1000) for (let j = 0; j < 10; j++) sig[(j * 11 + (i % 11)) % k] ^= 0x5bd1e995;
      const exact: [number, number] = r === 0 && i > 1000 ? [fmix32(source), source] : [fmix32(i), i];
      batch.push({ exact, signature: sig, bandKeys: bandKeys(sig, 14, 8), shingles: 100, passages: NO_PASSAGES });
    }
    yield batch;
  }
}

function benchIndex(docs: number): void {
  for (const ahead of [0, 4]) {
    const index = new DedupIndex();
    let dup = 0;
    const t = { cpu: 0, wall: 0 };
    let i = 0;
    for (const batch of batches(docs, 10_000)) {
      const s = cpuMs(() => {
        for (let b = 0; b < batch.length; b++, i++) {
          if (ahead && b + ahead < batch.length) index.prefetch(batch[b + ahead]);
          const m = index.check(batch[b], 0);
          if (m) dup++;
          else index.add(batch[b], { submission: 0, document: i });
        }
      });
      t.cpu += s.cpu;
      t.wall += s.wall;
    }
    const stats = index.stats();
    console.log(
      `index of ${docs} (${ahead ? `prefetch ${ahead} ahead` : "no prefetch"}): check(+add) in ${t.cpu.toFixed(0)} ms CPU ` +
        `(${t.wall.toFixed(0)} ms wall) -> ${(docs / t.cpu / 1000).toFixed(2)} M docs/s; ${dup} duplicates; ` +
        `${stats.documents} kept; ${(stats.bytes / stats.documents).toFixed(0)} bytes/doc`,
    );
    if (ahead) {
      const dir = mkdtempSync(join(tmpdir(), "1tt-dedup-bench-"));
      try {
        let bytes = 0;
        const s = cpuMs(() => (bytes = saveIndex(index, dir).bytes));
        let loaded: DedupIndex | null = null;
        const l = cpuMs(() => (loaded = loadIndex(dir)));
        console.log(
          `persist: ${(bytes / 1e6).toFixed(0)} MB file (${(bytes / stats.documents).toFixed(0)} bytes/doc), ` +
            `save ${s.wall.toFixed(0)} ms, load ${l.wall.toFixed(0)} ms wall (${l.cpu.toFixed(0)} ms CPU), ${loaded!.size} documents`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
}

const [path, mb, n] = process.argv.slice(2);
benchFingerprint(await corpusTexts(path, Number(mb ?? 16)));
// A small index (its tables fit the CPU cache) and a large one (every probe a cache miss).
benchIndex(50_000);
benchIndex(Number(n ?? 1_000_000));
