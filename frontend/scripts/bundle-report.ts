// A Vite plugin that prints the gzip size of the JavaScript a first page load fetches (the entry
// chunk and everything it imports statically) and of all JavaScript, and fails the build when the
// initial JavaScript exceeds the budget.
import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";

interface Chunk {
  type: "chunk";
  code: string;
  isEntry: boolean;
  imports: string[];
}

export function bundleReport({ budgetKb }: { budgetKb: number }): Plugin {
  return {
    name: "1tt-bundle-report",
    apply: "build",
    generateBundle(_options, bundle) {
      const chunks = new Map<string, Chunk>();
      for (const [name, item] of Object.entries(bundle)) if (item.type === "chunk") chunks.set(name, item as unknown as Chunk);
      const gz = (name: string) => gzipSync(chunks.get(name)!.code).length;
      const initial = new Set<string>();
      const visit = (name: string) => {
        if (initial.has(name) || !chunks.has(name)) return;
        initial.add(name);
        for (const dep of chunks.get(name)!.imports) visit(dep);
      };
      for (const [name, chunk] of chunks) if (chunk.isEntry) visit(name);
      const kb = (n: number) => (n / 1024).toFixed(1);
      const initialBytes = [...initial].reduce((s, n) => s + gz(n), 0);
      const allBytes = [...chunks.keys()].reduce((s, n) => s + gz(n), 0);
      const line = `initial JavaScript: ${kb(initialBytes)} kB gzip in ${initial.size} chunk(s); all JavaScript: ${kb(allBytes)} kB gzip in ${chunks.size} chunk(s); budget ${budgetKb} kB`;
      console.log(`\n[bundle] ${line}`);
      if (initialBytes > budgetKb * 1024) this.error(`initial JavaScript over budget: ${line}`);
    },
  };
}
