// Builds the labelled decision sets (prose.jsonl, code.jsonl) from English text and code shipped
// in the repository's node_modules and from the project's own generated test set. Every record
// carries the decision a data engineer would take and a one-line reason. The sets are committed:
// this script documents how they were made and rebuilds them after a deliberate change.
//
//   node oracle/pipeline/filter/decisions/build.ts
//
// A label is set by the genre a document was drawn from, never by running the pipeline.

import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { englishParagraphs, NODE_MODULES } from "../../testset/english.ts";
import { generateTestSet } from "../../testset/generate.ts";
import { rng, type Rng } from "../../testset/rng.ts";
import type { DecisionRecord } from "./set.ts";

const HERE = fileURLToPath(new URL(".", import.meta.url));

/** Files under `dir` (sorted paths, under 400 kB) that `match` accepts. */
function files(dir: string, match: (name: string, path: string) => boolean): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
  } catch {
    return [];
  }
  return entries
    .map((e) => join(dir, e))
    .filter((p) => !p.includes("/.bin/") && !p.includes("/.cache/") && match(basename(p), p) && isSmallFile(p));
}

function isSmallFile(p: string): boolean {
  try {
    const st = statSync(p);
    return st.isFile() && st.size < 400_000;
  } catch {
    return false;
  }
}

const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;
const source = (p: string): string => relative(NODE_MODULES, p);

function wrap(paragraph: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const w of paragraph.split(/\s+/)) {
    if (line.length > 0 && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line.length > 0 ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join("\n");
}

/** The first lines of `text` up to about `chars` characters, cut at a line end. */
function head(text: string, chars: number): string {
  if (text.length <= chars) return text.trim();
  const cut = text.lastIndexOf("\n", chars);
  return text.slice(0, cut > chars / 2 ? cut : chars).trim();
}

/** Runs of min..max paragraphs, extended until they have 60 words: shorter documents go by Gopher's 50-word rule. */
function runs(r: Rng, paragraphs: readonly string[], count: number, min: number, max: number): string[][] {
  const order = r.shuffle(paragraphs);
  const out: string[][] = [];
  for (let i = 0; out.length < count && i + max <= order.length; ) {
    let size = min + r.int(max - min + 1);
    while (words(order.slice(i, i + size).join(" ")) < 60 && i + size < order.length) size++;
    out.push(order.slice(i, i + size));
    i += size;
  }
  return out;
}

/** Markdown sections (heading to next heading) with fenced code and enough prose around it. */
function technicalSections(): { text: string; from: string }[] {
  const out: { text: string; from: string }[] = [];
  const readmes = files(NODE_MODULES, (n) => n.toLowerCase() === "readme.md");
  for (const f of readmes) {
    const md = readFileSync(f, "utf8").replace(/\r\n?/g, "\n");
    for (const section of md.split(/\n(?=#{1,3} )/)) {
      if (!/```/.test(section) || !section.includes("{")) continue;
      if (/<[a-z]|\|\s*-{3}|!\[|https?:\/\/\S{80}/i.test(section)) continue;
      const prose = section.replace(/```[\s\S]*?```/g, "").split(/\n\s*\n/).filter((p) => /[.!?]\s*$/.test(p.trim()) && words(p) >= 12);
      const proseWords = prose.reduce((a, p) => a + words(p), 0);
      const code = (section.match(/```[\s\S]*?```/g) ?? []).join("\n").split("\n").length;
      if (proseWords < 90 || code > section.split("\n").length * 0.6 || section.length > 6000) continue;
      out.push({ text: section.trim(), from: source(f) });
    }
  }
  return out;
}

/** Documentation comments of @types/node, with the comment markers removed. */
function apiComments(): { text: string; from: string }[] {
  const out: { text: string; from: string }[] = [];
  for (const f of files(join(NODE_MODULES, "@types/node"), (n) => n.endsWith(".d.ts"))) {
    const src = readFileSync(f, "utf8");
    for (const m of src.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
      const body = m[1].split("\n").map((l) => l.replace(/^\s*\* ?/, "")).join("\n").trim();
      const prose = body.replace(/```[\s\S]*?```/g, "").replace(/^@.*$/gm, "");
      if (words(prose) < 70 || !/[.!?]\s*$/m.test(prose) || body.length > 5000) continue;
      out.push({ text: body, from: source(f) });
    }
  }
  return out;
}

function distinctLicences(): { text: string; from: string }[] {
  const seen = new Set<string>();
  const out: { text: string; from: string }[] = [];
  for (const f of files(NODE_MODULES, (n) => /^licen[cs]e(\.md|\.txt)?$/i.test(n))) {
    const text = readFileSync(f, "utf8").replace(/\r\n?/g, "\n").trim();
    const key = text.replace(/copyright.*$/gim, "").replace(/\s+/g, " ").slice(0, 400);
    if (seen.has(key) || text.length > 12_000 || words(text) < 120) continue;
    seen.add(key);
    out.push({ text, from: source(f) });
  }
  return out;
}

const FOLDOC_TERMS = /\b(protocol|processor|memory|program|language|network|system|file|compiler|operating system|interface|server|database|algorithm|software|hardware|computer|function|data|library|module|process|address|browser)\b/g;

/** A dictionary entry in FOLDOC's layout: headword, hard-wrapped definition with {cross-references}, date. */
function dictionaryEntry(r: Rng, paragraphs: readonly string[], i: number): string {
  const body = paragraphs.map((p) => {
    let marked = 0;
    const linked = p.replace(FOLDOC_TERMS, (t) => (marked < 4 && r.next() < 0.5 ? (marked++, `{${t}}`) : t));
    return wrap(linked, 72).replace(/^/gm, "   ");
  });
  const headword = paragraphs[0].split(/\s+/).slice(0, 2).join(" ").replace(/[^\p{L}\p{N} -]/gu, "").toLowerCase();
  const date = `(${1993 + (i % 30)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")})`;
  return [headword, "", ...body.flatMap((b) => [b, ""]), date].join("\n");
}

/** A piece cut out of a paragraph, mid-sentence, as extraction leaves it. */
function fragment(r: Rng, paragraph: string): string {
  const w = paragraph.split(/\s+/);
  const start = 1 + r.int(Math.max(1, w.length - 12));
  return w.slice(start, start + 5 + r.int(14)).join(" ");
}

function recordsForProse(): DecisionRecord[] {
  const r = rng(15);
  const paragraphs = englishParagraphs();
  const out: DecisionRecord[] = [];
  const add = (genre: string, expect: "keep" | "remove", reason: string, text: string, from: string): void => {
    out.push({ id: `${genre}-${out.filter((d) => d.genre === genre).length}`, genre, expect, reason, source: from, text });
  };
  const from = "node_modules Markdown prose (oracle/pipeline/testset/english.ts)";
  for (const run of runs(r, paragraphs, 50, 3, 6)) add("prose", "keep", "paragraphs of documentation prose separated by blank lines", run.join("\n\n"), from);
  for (const run of runs(r, paragraphs, 50, 3, 6)) {
    const width = 60 + r.int(20);
    add("hard_wrapped", "keep", `the same kind of prose hard-wrapped at ${width} columns, as in plain-text files and e-mail`, run.map((p) => wrap(p, width)).join("\n\n"), from);
  }
  const long = r.shuffle(paragraphs.filter((p) => words(p) >= 55 && words(p) <= 220));
  for (const p of long.slice(0, 50)) add("paragraph_per_line", "keep", "one paragraph of ordinary prose, as a JSONL contribution with one paragraph per record", p, from);
  const tech = r.shuffle(technicalSections());
  for (const s of tech.slice(0, 40)) add("technical_doc", "keep", "a tutorial section: explanatory prose around code examples with braces", s.text, s.from);
  for (const [i, run] of runs(r, paragraphs, 30, 1, 2).entries()) add("dictionary", "keep", "a dictionary entry with {cross-reference} markup, hard-wrapped", dictionaryEntry(r, run, i), from);
  for (const c of r.shuffle(apiComments()).slice(0, 30)) add("api_doc", "keep", "reference documentation of an API: prose with short examples", c.text, c.from);
  for (const l of distinctLicences().slice(0, 20)) add("licence", "keep", "a complete licence text: legal prose, hard-wrapped", l.text, l.from);

  const yaml = files(NODE_MODULES, (n) => /\.ya?ml$/.test(n)).filter((f) => readFileSync(f, "utf8").split("\n").length >= 6);
  const seenYaml = new Set<string>();
  for (const f of yaml) {
    const text = head(readFileSync(f, "utf8").replace(/\r\n?/g, "\n"), 3000);
    if (seenYaml.has(text) || seenYaml.size >= 25) continue;
    seenYaml.add(text);
    add("yaml", "remove", "configuration left over from a repository (YAML), not prose", text, source(f));
  }
  const pkgs = r.shuffle(files(NODE_MODULES, (n, p) => n === "package.json" && !p.includes("/test"))).slice(0, 20);
  for (const f of pkgs) add("json", "remove", "a package manifest (JSON data), not prose", head(readFileSync(f, "utf8"), 3000), source(f));
  for (const f of files(NODE_MODULES, (n) => n.endsWith(".min.js")).slice(0, 15)) {
    add("minified", "remove", "minified JavaScript", head(readFileSync(f, "utf8"), 4000), source(f));
  }
  const code = r.shuffle(files(NODE_MODULES, (n, p) => n.endsWith(".js") && !n.endsWith(".min.js") && p.includes("/lib/"))).slice(0, 20);
  for (const f of code) add("source_code", "remove", "a source file without prose: for the code preset, not prose", head(readFileSync(f, "utf8"), 3000), source(f));
  for (const p of r.shuffle(paragraphs).slice(0, 20)) add("fragment", "remove", "a few words cut from the middle of a sentence, no complete thought", fragment(r, p), from);
  const generated = generateTestSet(15, { clean: 0, boilerplate: 24, repetition: 24, nonEnglish: 24, exactDuplicates: 0, nearDuplicates: 0, nearDuplicateTargets: [] });
  const reasons: Record<string, string> = {
    boilerplate: "page furniture: menus, cookie and JavaScript notices, footers around one or two sentences",
    repetition: "repeated lines, spam templates or keyword stuffing",
    non_english: "not English",
  };
  for (const d of generated) add(d.label, "remove", `${reasons[d.label]} (${Object.values(d.meta).join(", ")})`, d.text, "oracle/pipeline/testset/generate.ts seed 15");
  return out;
}

function recordsForCode(): DecisionRecord[] {
  const r = rng(16);
  const out: DecisionRecord[] = [];
  const add = (genre: string, expect: "keep" | "remove", reason: string, text: string, from: string): void => {
    out.push({ id: `${genre}-${out.filter((d) => d.genre === genre).length}`, genre, expect, reason, source: from, text });
  };
  const sources = r.shuffle(files(NODE_MODULES, (n, p) => /\.(js|ts|mjs)$/.test(n) && !/\.(min|d)\.|\.map$/.test(n) && /\/(src|lib)\//.test(p)));
  let kept = 0;
  for (const f of sources) {
    if (kept >= 50) break;
    const text = readFileSync(f, "utf8");
    if (/generated|do not edit/i.test(text.slice(0, 600)) || text.split("\n").length < 15) continue;
    const lines = text.split("\n");
    if (Math.max(...lines.map((l) => l.length)) > 300) continue;
    add("source_code", "keep", "a hand-written source file", head(text, 5000), source(f));
    kept++;
  }
  for (const s of r.shuffle(technicalSections()).slice(0, 20)) add("technical_doc", "keep", "technical documentation with code examples", s.text, s.from);
  for (const l of distinctLicences().slice(0, 10)) add("licence", "keep", "a licence text, kept with the code it covers", l.text, l.from);
  for (const c of r.shuffle(apiComments()).slice(0, 10)) add("api_doc", "keep", "API reference documentation", c.text, c.from);
  for (const f of files(NODE_MODULES, (n) => n.endsWith(".min.js")).slice(0, 20)) add("minified", "remove", "minified JavaScript: no line structure, not for training", head(readFileSync(f, "utf8"), 6000), source(f));
  const generatedFiles = files(NODE_MODULES, (n) => /\.(js|ts)$/.test(n) && !n.endsWith(".min.js")).filter((f) => readFileSync(f, "utf8").split("\n", 5).some((l) => /^\s*(\/\/|\/\*|\*|#)/.test(l) && /auto-?generated|do not edit|@generated/i.test(l)));
  for (const f of r.shuffle(generatedFiles).slice(0, 20)) add("auto_generated", "remove", "a file that declares itself generated by a tool", head(readFileSync(f, "utf8"), 4000), source(f));
  for (let i = 0; i < 15; i++) {
    const bytes = Array.from({ length: 600 + r.int(600) }, () => r.int(256));
    const text = i % 2 === 0
      ? `export const table = [${bytes.join(",")}];\n`
      : `const data = "${Buffer.from(bytes).toString("base64")}";\n`;
    add("data_blob", "remove", "an embedded data table or base64 blob: data, not code", text, "generated by build.ts");
  }
  return out;
}

function write(name: string, records: DecisionRecord[]): void {
  writeFileSync(join(HERE, name), records.map((d) => JSON.stringify(d)).join("\n") + "\n");
  const keep = records.filter((d) => d.expect === "keep").length;
  console.log(`${name}: ${records.length} documents (${keep} keep, ${records.length - keep} remove)`);
}

if (import.meta.main) {
  write("prose.jsonl", recordsForProse());
  write("code.jsonl", recordsForCode());
}
