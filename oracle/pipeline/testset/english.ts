// Real English prose for the test set, taken from the Markdown documentation that ships inside
// the repository's node_modules. Nothing is committed but the list of packages it is read from
// (english-sources.json, each with its exact version): the test set changes only when that list
// does, and a listed package at another version is an error, never a silent change of the set.
//
// Recipe: every *.md file in the listed packages except changelogs/histories/licenses, in list
// order and sorted path order within a package; fenced code blocks removed; split into paragraphs at blank lines; a paragraph is kept
// as prose when it is not a heading, list, quote, table or HTML, has no backtick, brace, angle
// bracket, URL or pipe, has at least 12 words, ends in . ! or ?, and is mostly letters;
// inline links become their text, emphasis marks are removed, and the paragraph is re-flowed to
// one line. Paragraphs are deduplicated (first occurrence wins).

import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const NODE_MODULES = fileURLToPath(new URL("../../../node_modules", import.meta.url));

function walk(dir: string, out: string[], depth: number): void {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      if (depth < 10 && e !== ".bin" && e !== ".cache") walk(p, out, depth + 1);
    } else if (/\.md$/i.test(e) && !/changelog|history|license|licence|security|code_of_conduct/i.test(e)) out.push(p);
  }
}

function cleanInline(p: string): string {
  return p
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1")
    .replace(/(\*\*|__|\*|~~)/g, "")
    .replace(/\s*\n\s*/g, " ")
    .trim();
}

function isProse(p: string): boolean {
  if (/^\s*([#>*+|<=-]|\d+[.)]\s|!\[)/.test(p)) return false;
  if (/[`{}<>|]|https?:|www\.|\.(js|ts|json|md)\b/.test(p)) return false;
  if (!/[.!?]["')]?$/.test(p)) return false;
  const words = p.split(/\s+/);
  if (words.length < 12) return false;
  const letters = (p.match(/\p{L}/gu) ?? []).length;
  return letters / p.length > 0.7;
}

let cache: string[] | null = null;

/** The packages the English text is read from, as "name@version". */
export const ENGLISH_SOURCES = fileURLToPath(new URL("./english-sources.json", import.meta.url));

function sourceDirs(): string[] {
  const pinned = JSON.parse(readFileSync(ENGLISH_SOURCES, "utf8")) as string[];
  return pinned.map((entry) => {
    const at = entry.lastIndexOf("@");
    const name = entry.slice(0, at);
    const version = entry.slice(at + 1);
    const dir = join(NODE_MODULES, name);
    let found = "not installed";
    try {
      found = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      // reported below
    }
    if (found !== version) {
      throw new Error(
        `the labelled test set reads ${name}@${version}, but node_modules has ${found}. The set would change: ` +
          `run "node oracle/pipeline/testset/english.ts --pin" to pin what is installed, then check the quality tests.`,
      );
    }
    return dir;
  });
}

/** English prose paragraphs from the pinned packages (or from every *.md under `root`), in a fixed order. */
export function englishParagraphs(root?: string): string[] {
  if (cache !== null && root === undefined) return cache;
  const files: string[] = [];
  for (const dir of root === undefined ? sourceDirs() : [root]) walk(dir, files, 0);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of files) {
    const md = readFileSync(f, "utf8").replace(/```[\s\S]*?```/g, "\n\n").replace(/\r\n?/g, "\n");
    for (const raw of md.split(/\n\s*\n/)) {
      if (!isProse(raw.trim())) continue;
      const p = cleanInline(raw);
      if (!isProse(p) || seen.has(p)) continue;
      seen.add(p);
      out.push(p);
    }
  }
  if (root === undefined) cache = out;
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === "--pin") {
  const pinned = JSON.parse(readFileSync(ENGLISH_SOURCES, "utf8")) as string[];
  const now = pinned.map((entry) => {
    const name = entry.slice(0, entry.lastIndexOf("@"));
    return `${name}@${(JSON.parse(readFileSync(join(NODE_MODULES, name, "package.json"), "utf8")) as { version: string }).version}`;
  });
  writeFileSync(ENGLISH_SOURCES, JSON.stringify(now, null, 1) + "\n");
  console.log(`pinned ${now.length} packages in ${ENGLISH_SOURCES}`);
}
