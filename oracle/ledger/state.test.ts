import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { DocumentProcessor } from "../pipeline/process.ts";
import { generateTestSet } from "../pipeline/testset/generate.ts";
import { PipelineState, StateError } from "./state.ts";
import { collect, jsonlInput } from "../pipeline/run/testing.ts";

const clean = [...generateTestSet(3, { clean: 80, boilerplate: 0, repetition: 0, nonEnglish: 0, exactDuplicates: 0, nearDuplicates: 0, nearDuplicateTargets: [] })]
  .map((d) => d.text);
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "1tt-state-"));
  dirs.push(d);
  return d;
};
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function submit(dir: string, processor: DocumentProcessor, texts: string[], name: string) {
  const state = PipelineState.open(dir, processor.pipeline);
  try {
    const run = await collect([jsonlInput(name, texts)], { index: state.index, sequence: state.sequence });
    state.commit(run.report, run.accepted);
    return { run, origin: state.origin };
  } finally {
    state.release();
  }
}

describe("the dedup state on disk", () => {
  it("carries accepted documents into later submissions, and rebuilds the same decisions when the index is lost", async () => {
    const processor = await DocumentProcessor.create({});
    const dir = tempDir();
    const first = await submit(dir, processor, clean.slice(0, 40), "a.jsonl");
    assert.equal(first.origin, "new");
    const second = await submit(dir, processor, clean.slice(30, 60), "b.jsonl");
    assert.equal(second.origin, "loaded");
    assert.ok(second.run.report.duplicates.exact.across.documents >= 9);

    // The same third submission against the saved index and against one rebuilt from fingerprints.
    const copy = join(tempDir(), "copy");
    cpSync(dir, copy, { recursive: true });
    rmSync(join(copy, "dedup-index.bin"));
    const third = clean.slice(50, 80);
    const a = await submit(dir, processor, third, "c.jsonl");
    const b = await submit(copy, processor, third, "c.jsonl");
    assert.equal(a.origin, "loaded");
    assert.equal(b.origin, "rebuilt");
    assert.equal(b.run.reportSha256, a.run.reportSha256);
    assert.equal(b.run.outputSha256, a.run.outputSha256);
    assert.equal(readFileSync(join(copy, "log.jsonl"), "utf8"), readFileSync(join(dir, "log.jsonl"), "utf8"));
  });

  it("refuses a state built by another pipeline configuration", async () => {
    const dir = tempDir();
    await submit(dir, await DocumentProcessor.create({}), clean.slice(0, 5), "a.jsonl");
    const other = await DocumentProcessor.create({ tokenizer: { encoding: "cl100k_base" } });
    assert.throws(() => PipelineState.open(dir, other.pipeline), (e: Error) => e instanceof StateError && /belongs to pipeline/.test(e.message));
  });

  it("lets only one run use a state at a time", async () => {
    const dir = tempDir();
    const processor = await DocumentProcessor.create({});
    const held = PipelineState.open(dir, processor.pipeline);
    assert.throws(() => PipelineState.open(dir, processor.pipeline), /in use by process/);
    held.release();
    PipelineState.open(dir, processor.pipeline).release();
  });

  it("says what is missing when a fingerprint file is gone and the index must be rebuilt", async () => {
    const dir = tempDir();
    const processor = await DocumentProcessor.create({});
    await submit(dir, processor, clean.slice(0, 5), "a.jsonl");
    rmSync(join(dir, "dedup-index.bin"));
    rmSync(join(dir, "fingerprints", "000000.bin"));
    assert.throws(() => PipelineState.open(dir, processor.pipeline), /000000\.bin is missing/);
    assert.equal(existsSync(join(dir, "lock")), false, "a failed open leaves no lock behind");
  });
});
