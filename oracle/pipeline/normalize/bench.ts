// Transform throughput on the project's benchmark corpus (manual pages, package docs, some
// non-English text): `node oracle/pipeline/normalize/bench.ts [MiB]` (default 32). Measures the
// JSONL reader on it, then normalize and pii, each alone, in MiB/s of UTF-8 text.
import { buildCorpus } from "../testset/bench-corpus.ts";
import { createPii } from "../pii/pii.ts";
import { readDocumentBatches } from "../read/index.ts";
import { tempDir } from "../read/testing.ts";
import { createNormalize } from "./normalize.ts";

const MIB = 1024 * 1024;
const tmp = tempDir();
const path = `${tmp.dir}/corpus.jsonl`;
const summary = await buildCorpus(path, { targetBytes: Number(process.argv[2] ?? 32) * MIB, exactDuplicateRate: 0.05, nearDuplicateRate: 0.05, seed: 1 });
const sink = { issue: () => {}, bytes: () => {} };

let texts: string[] = [];
let best = Infinity;
for (let run = 0; run < 2; run++) {
  const started = performance.now();
  const docs: string[] = [];
  for await (const batch of readDocumentBatches(path, "corpus.jsonl", {}, sink)) for (const d of batch) docs.push(d.text);
  best = Math.min(best, performance.now() - started);
  texts = docs;
}
const textBytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
console.log(`corpus: ${summary.documents} documents, ${(summary.bytes / MIB).toFixed(1)} MiB JSONL, ${(textBytes / MIB).toFixed(1)} MiB text`);
console.log(`read (JSONL)   ${(summary.bytes / MIB / (best / 1000)).toFixed(0).padStart(5)} MiB/s of file`);

function measure(label: string, apply: (t: string, c: Record<string, number>) => string, input: string[]): string[] {
  let out: string[] = [];
  let fastest = Infinity;
  let counts: Record<string, number> = {};
  for (let run = 0; run < 3; run++) {
    counts = {};
    const started = performance.now();
    out = input.map((t) => apply(t, counts));
    fastest = Math.min(fastest, performance.now() - started);
  }
  console.log(`${label.padEnd(14)} ${(textBytes / MIB / (fastest / 1000)).toFixed(0).padStart(5)} MiB/s  ${JSON.stringify(counts)}`);
  return out;
}

const normalize = createNormalize();
const pii = createPii();
const normalized = measure("normalize", (t, c) => normalize.apply(t, c), texts);
measure("normalize x2", (t, c) => normalize.apply(t, c), normalized);
measure("pii", (t, c) => pii.apply(t, c), normalized);
tmp.remove();
