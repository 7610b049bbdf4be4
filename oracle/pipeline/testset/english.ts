// Real English prose for the test set, taken from the Markdown documentation that ships inside
// the repository's node_modules (pinned by package-lock.json, so every checkout sees the same
// files). Nothing is committed: the text is read at generation time.
//
// Recipe: every *.md file under node_modules except changelogs/histories/licenses, in sorted path
// order; fenced code blocks removed; split into paragraphs at blank lines; a paragraph is kept
// as prose when it is not a heading, list, quote, table or HTML, has no backtick, brace, angle
// bracket, URL or pipe, has at least 12 words, ends in . ! or ?, and is mostly letters;
// inline links become their text, emphasis marks are removed, and the paragraph is re-flowed to
// one line. Paragraphs are deduplicated (first occurrence wins).

import { readdirSync, readFileSync, statSync } from "node:fs";
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

/** English prose paragraphs from node_modules, in a fixed order. */
export function englishParagraphs(root: string = NODE_MODULES): string[] {
  if (cache !== null && root === NODE_MODULES) return cache;
  const files: string[] = [];
  walk(root, files, 0);
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
  if (root === NODE_MODULES) cache = out;
  return out;
}
