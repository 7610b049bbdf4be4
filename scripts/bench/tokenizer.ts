// Token counter benchmark: the project's counter against tiktoken (WASM) counting, same run.
//
// Corpus: English text files any Debian machine with Node and npm has (package documentation,
// copyright and licence texts, changelogs, word lists, Markdown in node_modules), decompressed
// when gzipped, HTML reduced to text. One file is one document. Nothing is downloaded.
// Rounds are interleaved (tiktoken, ours, tiktoken, ours…) so shared-machine noise hits both.
//
//   npm run bench:tokenizer            (about 64 MB)
//   BENCH_MB=16 BENCH_ROUNDS=3 npm run bench:tokenizer
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { createTokenCounter, ranksInfo, type EncodingName } from "../../oracle/pipeline/tokenize/counter.ts";

const require = createRequire(import.meta.url);
const tiktoken = require("tiktoken") as typeof import("tiktoken");

const TARGET_BYTES = Number(process.env.BENCH_MB ?? 64) * 1024 * 1024;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const MAX_DOC_BYTES = 4 * 1024 * 1024;

const TEXT_NAME = /(^(readme|changelog|changes|news|copyright|license|licence|authors|history|todo|faq)([._-].*)?$)|\.(md|txt|rst|html?)(\.gz)?$/i;
const GZ_TEXT_NAME = /^(changelog|news|changes|readme)[^/]*\.gz$|\.(md|txt|rst)\.gz$/i;

/** Folders whose every file is text (licences, word lists). */
const ALL_TEXT = new Set(["/usr/share/common-licenses", "/usr/share/dict"]);

function* walk(dir: string, depth = 0, allText = ALL_TEXT.has(dir)): Generator<string> {
  if (depth > 12) return;
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    if (st.isDirectory()) yield* walk(path, depth + 1, allText);
    else if (st.isFile() && st.size > 200 && st.size < MAX_DOC_BYTES && (allText || TEXT_NAME.test(name) || GZ_TEXT_NAME.test(name))) yield path;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function readText(path: string): string | null {
  try {
    let bytes: Uint8Array = readFileSync(path);
    if (path.endsWith(".gz")) bytes = gunzipSync(bytes);
    if (bytes.includes(0)) return null;
    let text = utf8.decode(bytes);
    if (/\.html?(\.gz)?$/i.test(path)) {
      text = text
        .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
        .replace(/<[^>]+>/g, " ")
        .replace(/&nbsp;/g, " ")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, "&")
        .replace(/[ \t]+\n/g, "\n")
        .replace(/\n{3,}/g, "\n\n");
    }
    return text.trim().length > 0 ? text : null;
  } catch {
    return null;
  }
}

function gatherCorpus(): { docs: string[]; bytes: number; sources: Map<string, number> } {
  const roots = [
    "/usr/share/common-licenses",
    "/usr/share/dict",
    "/usr/share/doc",
    join(process.cwd(), "node_modules"),
    "/usr/lib/node_modules",
    "/usr/share",
  ];
  const seen = new Set<string>();
  const docs: string[] = [];
  const sources = new Map<string, number>();
  let bytes = 0;
  for (const root of roots) {
    for (const path of walk(root)) {
      if (bytes >= TARGET_BYTES) break;
      if (seen.has(path)) continue;
      seen.add(path);
      const text = readText(path);
      if (text === null) continue;
      const n = Buffer.byteLength(text);
      docs.push(text);
      bytes += n;
      sources.set(root, (sources.get(root) ?? 0) + n);
    }
  }
  return { docs, bytes, sources };
}

interface Side {
  name: string;
  run: () => number;
  seconds: number[];
  tokens: number;
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

const t0 = performance.now();
const { docs, bytes, sources } = gatherCorpus();
console.log(`corpus: ${docs.length} documents, ${mb(bytes)} MB (${((performance.now() - t0) / 1000).toFixed(1)} s to read)`);
console.log(`sources: ${[...sources].map(([root, n]) => `${root.replace(process.cwd(), ".")} ${mb(n)} MB`).join(", ")}`);
if (bytes < 0.5 * TARGET_BYTES) console.log(`warning: only ${mb(bytes)} MB of text found`);

const rows: string[] = [];
rows.push("| encoding | counter | MB/s (best) | MB/s (each round) | tokens | × tiktoken | cache hits | rank load |");
rows.push("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: |");
let allEqual = true;

for (const encoding of ["o200k_base", "cl100k_base"] as EncodingName[]) {
  const tLoad = performance.now();
  const enc = tiktoken.get_encoding(encoding);
  const tiktokenLoad = performance.now() - tLoad;
  const tOurs = performance.now();
  const counter = createTokenCounter(encoding);
  const oursLoad = performance.now() - tOurs;

  const reference: Side = {
    name: `tiktoken ${ranksInfo(encoding).version} (WASM) encode_ordinary().length`,
    run: () => {
      let t = 0;
      for (const d of docs) t += enc.encode_ordinary(d).length;
      return t;
    },
    seconds: [],
    tokens: -1,
  };
  const ours: Side = {
    name: `1TT counter (${counter.library.name} ${counter.library.version} ranks)`,
    run: () => {
      let t = 0;
      for (const d of docs) t += counter.count(d);
      return t;
    },
    seconds: [],
    tokens: -1,
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of [reference, ours]) {
      const start = performance.now();
      const tokens = side.run();
      side.seconds.push((performance.now() - start) / 1000);
      if (side.tokens >= 0 && side.tokens !== tokens) throw new Error(`${side.name} changed its count between rounds`);
      side.tokens = tokens;
    }
  }
  const equal = reference.tokens === ours.tokens;
  allEqual &&= equal;
  const best = (s: Side) => bytes / 1024 / 1024 / Math.min(...s.seconds);
  const each = (s: Side) => s.seconds.map((x) => (bytes / 1024 / 1024 / x).toFixed(2)).join(", ");
  const { hits, misses } = counter.stats();
  rows.push(
    `| ${encoding} | ${reference.name} | ${best(reference).toFixed(2)} | ${each(reference)} | ${reference.tokens} | 1.00 | – | ${tiktokenLoad.toFixed(0)} ms |`,
  );
  rows.push(
    `| ${encoding} | ${ours.name} | ${best(ours).toFixed(2)} | ${each(ours)} | ${ours.tokens} | ${(best(ours) / best(reference)).toFixed(2)} | ${((100 * hits) / (hits + misses)).toFixed(1)} % | ${ranksInfo(encoding).loadMs.toFixed(0)} ms (first counter ${oursLoad.toFixed(0)} ms) |`,
  );
  enc.free();
}

console.log("");
console.log(rows.join("\n"));
console.log("");
console.log(`totals equal to tiktoken: ${allEqual ? "yes" : "NO"} (${ROUNDS} interleaved rounds per side, ${mb(bytes)} MB, ${docs.length} documents)`);
if (!allEqual) process.exitCode = 1;
