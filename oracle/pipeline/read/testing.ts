// Helpers for the readers' tests: temporary files, collecting what a reader yields and reports.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ReaderIssue, SourceDocument } from "../block.ts";
import { readDocuments, type ByteSource, type ReaderOptions } from "./index.ts";

export interface Collected {
  docs: SourceDocument[];
  issues: ReaderIssue[];
  bytes: number;
}

export async function collect(source: ByteSource, name: string, options: ReaderOptions = {}): Promise<Collected> {
  const issues: ReaderIssue[] = [];
  let bytes = 0;
  const docs: SourceDocument[] = [];
  const sink = { issue: (i: ReaderIssue) => issues.push(i), bytes: (n: number) => (bytes += n) };
  for await (const doc of readDocuments(source, name, options, sink)) docs.push(doc);
  return { docs, issues, bytes };
}

export const texts = (c: Collected): string[] => c.docs.map((d) => d.text);
export const kinds = (c: Collected): string[] => c.issues.map((i) => `${i.line}:${i.kind}`);

/** A temporary directory, removed by the returned function. */
export function tempDir(): { dir: string; file: (name: string, content: Uint8Array | string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "1tt-read-test-"));
  return {
    dir,
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The bytes as an async stream cut at the given offsets (to cut lines and characters apart). */
export async function* chunked(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= start || cut >= bytes.length) continue;
    yield bytes.subarray(start, cut);
    start = cut;
  }
  if (start < bytes.length) yield bytes.subarray(start);
}
