// Filter throughput on real English text: each block alone over every document, then the whole
// chain. Usage: node oracle/pipeline/filter/bench.ts [file-or-dir ...]
// Default input: the Markdown files under node_modules (one document per file, code fences and
// tables removed, paragraphs re-flowed to one line), which every checkout has.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createQualityBlocks, isFilter, runQuality } from "./chain.ts";

function walk(path: string, out: string[], depth = 0): void {
  let st;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  if (st.isFile()) out.push(path);
  else if (st.isDirectory() && depth < 8) for (const e of readdirSync(path).sort()) walk(join(path, e), out, depth + 1);
}

export function markdownToProse(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, "")
    .split(/\n\s*\n/)
    .filter((p) => !/^\s*(\||<|!\[)/.test(p))
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter((p) => p.length > 0)
    .join("\n\n");
}

const args = process.argv.slice(2);
const files: string[] = [];
if (args.length === 0) {
  const all: string[] = [];
  walk("node_modules", all);
  files.push(...all.filter((f) => /\.md$/i.test(f) && !/changelog|history/i.test(f)));
} else for (const a of args) walk(a, files);

const docs = files
  .map((f) => readFileSync(f, "utf8"))
  .map((t) => (args.length === 0 ? markdownToProse(t) : t))
  .filter((t) => t.length > 0);
const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d), 0);
console.log(`${docs.length} documents, ${(bytes / 1e6).toFixed(2)} MB`);

const blocks = await createQualityBlocks();
// CPU time of this process (user + system), best of three runs after a warm-up: the machine is
// shared, and wall time would measure the neighbours.
const time = (fn: () => void): number => {
  fn();
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    best = Math.min(best, (d.user + d.system) / 1e6);
  }
  return best;
};
for (const b of blocks) {
  const s = time(() => {
    const counts = {};
    for (const d of docs) {
      if (isFilter(b)) b.check(d);
      else b.apply(d, counts);
    }
  });
  console.log(`${b.name.padEnd(18)} alone ${(bytes / 1e6 / s).toFixed(1).padStart(7)} MB/s`);
}
const removed = new Map<string, number>();
const s = time(() => {
  removed.clear();
  for (const d of docs) {
    const r = runQuality(blocks, d).removedBy ?? "kept";
    removed.set(r, (removed.get(r) ?? 0) + 1);
  }
});
console.log(`${"whole chain".padEnd(18)}       ${(bytes / 1e6 / s).toFixed(1).padStart(7)} MB/s`);
console.log([...removed].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${v}`).join(" "));
