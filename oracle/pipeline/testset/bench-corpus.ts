// Builds the benchmark corpus: realistic English text that every Debian machine ships (manual
// pages and package documentation), split into web-page-sized documents, with exact and near
// duplicates and some non-English documents injected at known rates. Deterministic: the same
// machine files and options give the same bytes.
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";

export interface CorpusOptions {
  /** Stop once this many bytes of JSONL are written. */
  targetBytes: number;
  /** Fraction of documents followed by an exact copy of an earlier one. */
  exactDuplicateRate: number;
  /** Fraction of documents followed by a lightly edited copy of an earlier one. */
  nearDuplicateRate: number;
  seed: number;
}

/** What each document of the corpus is, in corpus order (written beside it as <path>.labels.json). */
export type CorpusLabel = ["source"] | ["exact_duplicate", number] | ["near_duplicate", number] | ["non_english"];

export interface CorpusSummary {
  path: string;
  bytes: number;
  documents: number;
  exactDuplicates: number;
  nearDuplicates: number;
  nonEnglish: number;
  sources: Record<string, number>;
}

const ENGLISH_MAN = ["man1", "man2", "man3", "man4", "man5", "man6", "man7", "man8"];
const OTHER_MAN = ["de", "fr", "es", "it", "pl", "ru", "pt_BR", "nl", "sv"];
const MIN_DOC = 400;
const MAX_DOC = 12_000;

/** A small deterministic PRNG (mulberry32), so the corpus does not depend on Math.random. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function listFiles(dir: string, accept: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && accept(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function readMaybeGzip(path: string): string {
  const raw = readFileSync(path);
  const bytes = path.endsWith(".gz") ? gunzipSync(raw) : raw;
  return bytes.toString("utf8");
}

/** Turns roff source into plain prose: requests become text or breaks, escapes are resolved. */
function resolveEscapes(text: string): string {
  return text
    .replace(/\\f(\[[^\]]*\]|\(..|.)/g, "")
    .replace(/\\\*(\[[^\]]*\]|\(..|.)/g, "")
    .replace(/\\\((em|en)/g, "-")
    .replace(/\\\(aq/g, "'")
    .replace(/\\\((lq|rq|dq)/g, '"')
    .replace(/\\\(..?/g, "")
    .replace(/\\\[[^\]]*\]/g, "")
    .replace(/\\[-]/g, "-")
    .replace(/\\e/g, "\\")
    .replace(/\\[&/,%|^~0 ]/g, (s) => (s === "\\ " || s === "\\~" || s === "\\0" ? " " : ""))
    .replace(/\\s[+-]?\d/g, "")
    .replace(/\\./g, "");
}

export function roffToText(src: string): string {
  const out: string[] = [];
  for (const line of src.split("\n")) {
    if (line.startsWith(".\\\"") || line.startsWith("'\\\"") || line.startsWith('.\\"')) continue;
    let text = line;
    if (line.startsWith(".") || line.startsWith("'")) {
      const m = /^[.'][ \t]*([A-Za-z]{1,3})\b[ \t]*(.*)$/.exec(line);
      if (!m) continue;
      const [, req, args] = m;
      if (req === "SH" || req === "SS") {
        out.push("", resolveEscapes(args.replace(/"/g, "")), "");
        continue;
      }
      if (["PP", "LP", "P", "TP", "IP", "sp", "br", "HP", "RS", "RE"].includes(req)) {
        out.push("");
        if (req === "IP" && args) out.push(resolveEscapes(args.replace(/"/g, "")).replace(/\s+\d+$/, ""));
        continue;
      }
      if (["B", "I", "BR", "IR", "RB", "RI", "BI", "IB", "SM", "SB"].includes(req)) {
        text = args.replace(/"/g, "");
      } else continue;
    }
    out.push(resolveEscapes(text));
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}

/** Splits a long text into documents of MIN_DOC..MAX_DOC characters at paragraph breaks. */
function splitDocuments(text: string): string[] {
  const docs: string[] = [];
  let current = "";
  for (const para of text.split(/\n\n+/)) {
    if (current.length + para.length > MAX_DOC && current.length >= MIN_DOC) {
      docs.push(current.trim());
      current = "";
    }
    current += para + "\n\n";
  }
  if (current.trim().length >= MIN_DOC) docs.push(current.trim());
  return docs;
}

/** Edits about `rate` of the words (replace, drop or duplicate) so the copy stays a near duplicate. */
function perturb(text: string, rate: number, rand: () => number): string {
  const words = text.split(/(\s+)/);
  const out: string[] = [];
  for (const w of words) {
    if (/^\s*$/.test(w) || rand() >= rate) {
      out.push(w);
      continue;
    }
    const r = rand();
    if (r < 0.4) out.push(w.toUpperCase() === w ? w.toLowerCase() : w + "s");
    else if (r < 0.7) continue;
    else out.push(w, " ", w);
  }
  return out.join("");
}

function* sourceDocuments(): Generator<{ source: string; text: string }> {
  for (const section of ENGLISH_MAN) {
    for (const f of listFiles(join("/usr/share/man", section), (n) => n.endsWith(".gz"))) {
      for (const text of splitDocuments(roffToText(readMaybeGzip(f)))) yield { source: "man", text };
    }
  }
  const docFiles = listFiles("/usr/share/doc", (n) => /^(copyright|README.*|NEWS.*|changelog.*|.*\.txt(\.gz)?)$/i.test(n));
  for (const f of docFiles) {
    let text: string;
    try {
      text = readMaybeGzip(f);
    } catch {
      continue;
    }
    for (const doc of splitDocuments(text)) yield { source: "doc", text: doc };
  }
}

function* foreignDocuments(): Generator<string> {
  for (const lang of OTHER_MAN) {
    for (const f of listFiles(join("/usr/share/man", lang), (n) => n.endsWith(".gz"))) {
      yield* splitDocuments(roffToText(readMaybeGzip(f)));
    }
  }
}

export async function buildCorpus(path: string, options: CorpusOptions): Promise<CorpusSummary> {
  await mkdir(dirname(path), { recursive: true });
  const rand = prng(options.seed);
  const out = createWriteStream(path);
  const summary: CorpusSummary = {
    path, bytes: 0, documents: 0, exactDuplicates: 0, nearDuplicates: 0, nonEnglish: 0, sources: {},
  };
  const recent: { index: number; text: string }[] = [];
  const labels: CorpusLabel[] = [];
  const foreign = foreignDocuments();
  const write = async (text: string, label: CorpusLabel) => {
    labels.push(label);
    const line = JSON.stringify({ text }) + "\n";
    summary.bytes += Buffer.byteLength(line);
    summary.documents++;
    if (!out.write(line)) await new Promise<void>((r) => out.once("drain", () => r()));
  };
  for (let pass = 0; summary.bytes < options.targetBytes; pass++) {
    let yielded = 0;
    for (const { source, text } of sourceDocuments()) {
      if (summary.bytes >= options.targetBytes) break;
      yielded++;
      // Later passes (a machine with little text) edit every document so none is an exact repeat.
      const body = pass === 0 ? text : perturb(text, 0.3, rand);
      recent.push({ index: summary.documents, text: body });
      await write(body, ["source"]);
      summary.sources[source] = (summary.sources[source] ?? 0) + 1;
      if (recent.length > 5000) recent.splice(0, 1000);
      const r = rand();
      if (r < options.exactDuplicateRate) {
        const of = recent[Math.floor(rand() * recent.length)];
        await write(of.text, ["exact_duplicate", of.index]);
        summary.exactDuplicates++;
      } else if (r < options.exactDuplicateRate + options.nearDuplicateRate) {
        const of = recent[Math.floor(rand() * recent.length)];
        await write(perturb(of.text, 0.03, rand), ["near_duplicate", of.index]);
        summary.nearDuplicates++;
      } else if (r < options.exactDuplicateRate + options.nearDuplicateRate + 0.02) {
        const next = foreign.next();
        if (!next.done) {
          await write(next.value, ["non_english"]);
          summary.nonEnglish++;
        }
      }
    }
    if (yielded === 0) throw new Error("no English text found under /usr/share/man or /usr/share/doc to build a corpus from");
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  writeFileSync(`${path}.labels.json`, JSON.stringify(labels));
  return summary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = Number(process.argv[3] ?? 110) * 1024 * 1024;
  const path = process.argv[2] ?? ".bench/corpus.jsonl";
  const summary = await buildCorpus(path, { targetBytes: target, exactDuplicateRate: 0.04, nearDuplicateRate: 0.04, seed: 1 });
  console.log(JSON.stringify(summary, null, 2));
}
