// npm run bench:dedup [seeds=1,2,3] [workers=2]
// Recall of every gaming family and strength, false removals of clean documents, documents per
// second through the whole pipeline, and dedup memory per accepted document, measured on the
// labelled gaming set (testset/gaming.ts), one run per seed.
import { loadavg } from "node:os";
import { distinctParagraphs } from "../testset/distinct.ts";
import { englishParagraphs } from "../testset/english.ts";
import { rng } from "../testset/rng.ts";
import { Fingerprinter } from "./fingerprint.ts";
import { measureGamingQuality, type GamingRow } from "./gaming-quality.ts";
import { DedupIndex } from "./index.ts";

const seeds = (process.argv[2] ?? "1,2,3").split(",").map(Number);
const workers = Number(process.argv[3] ?? 2);

console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(" ")}; ${workers} workers; seeds ${seeds.join(", ")}`);
const rows = new Map<string, GamingRow>();
const clean = { documents: 0, removed: 0, filtered: 0, cut: 0, removedIds: [] as string[] };
let documents = 0;
let seconds = 0;
for (const seed of seeds) {
  const q = await measureGamingQuality(seed, { workers });
  for (const r of q.rows) {
    const key = `${r.family}|${r.attack}|${r.strength}`;
    const into = rows.get(key) ?? { ...r, documents: 0, caught: 0, by: {} };
    into.documents += r.documents;
    into.caught += r.caught;
    for (const [k, v] of Object.entries(r.by)) into.by[k] = (into.by[k] ?? 0) + v;
    rows.set(key, into);
  }
  clean.documents += q.clean.documents;
  clean.removed += q.clean.removed;
  clean.filtered += q.clean.filtered;
  clean.cut += q.clean.cut;
  clean.removedIds.push(...q.clean.removedIds.map((id) => `${id} (seed ${seed})`));
  documents += q.documents;
  seconds += q.seconds;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log("\n| family | attack | strength | caught | recall | caught by |\n|---|---|---|---|---|---|");
const sorted = [...rows.values()].sort((a, b) => a.family.localeCompare(b.family) || a.attack.localeCompare(b.attack) || a.strength.localeCompare(b.strength));
const families = new Map<string, { n: number; c: number }>();
for (const r of sorted) {
  const by = Object.entries(r.by).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ");
  console.log(`| ${r.family} | ${r.attack} | ${r.strength} | ${r.caught}/${r.documents} | ${(r.caught / r.documents).toFixed(3)} | ${by} |`);
  const f = families.get(r.family) ?? { n: 0, c: 0 };
  f.n += r.documents;
  f.c += r.caught;
  families.set(r.family, f);
}
console.log(`\nrecall by family: ${[...families].map(([f, { n, c }]) => `${f}: ${(c / n).toFixed(3)}`).join(", ")}`);
console.log(
  `clean documents: ${clean.documents}, removed by dedup (false removals) ${clean.removed} = ${pct(clean.removed / clean.documents)}, ` +
    `removed by quality filters ${clean.filtered}, kept without copied paragraphs ${clean.cut}` +
    (clean.removedIds.length ? ` [${clean.removedIds.join(", ")}]` : ""),
);
console.log(`whole pipeline on the gaming set: ${documents} documents in ${seconds.toFixed(1)} s = ${(documents / seconds).toFixed(0)} documents/s (${workers} workers, wall)`);

// Memory: an index of many accepted documents (random runs of distinct corpus paragraphs).
const paragraphs = distinctParagraphs(englishParagraphs());
const r = rng(7);
const f = new Fingerprinter();
const index = new DedupIndex();
const N = 50_000;
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const start = r.int(paragraphs.length - 8);
  const text = paragraphs.slice(start, start + 3 + r.int(6)).join("\n\n") + ` ${i}`;
  const a = f.analyze(text);
  index.contain(a.query);
  index.check(a.fingerprint, 0);
  index.add(a.fingerprint, { submission: 0, document: i });
}
const ms = performance.now() - t0;
const stats = index.stats();
console.log(
  `dedup index: ${N} documents, ${(stats.bytes / 1e6).toFixed(1)} MB = ${(stats.bytes / N).toFixed(0)} bytes per document ` +
    `(tables at ${((100 * N) / stats.capacity).toFixed(0)}% of their MinHash capacity); fingerprint + check + contain + add: ${((N / ms) * 1000).toFixed(0)} documents/s on one thread`,
);
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
