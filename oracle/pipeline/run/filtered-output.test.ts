import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { generateTestSet } from "../testset/generate.ts";
import { filteredOutput } from "./filtered-output.ts";
import { runPipeline } from "./run.ts";
import { jsonlInput } from "./testing.ts";

const texts = [...generateTestSet(11, { clean: 400, boilerplate: 20, repetition: 20, nonEnglish: 10, exactDuplicates: 10, nearDuplicates: 0, nearDuplicateTargets: [] })]
  .map((d) => d.text);
const dir = mkdtempSync(join(tmpdir(), "1tt-filtered-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (output: ReturnType<typeof filteredOutput>) =>
  runPipeline({ config: {}, inputs: [jsonlInput("a.jsonl", texts)], output: output.output, sequence: 0, workers: 1 });

describe("the filtered output's digest", () => {
  it("is the sha256 and byte count of exactly the bytes the oracle keeps on disk", async () => {
    const path = join(dir, "filtered.jsonl");
    const kept = filteredOutput(createWriteStream(path));
    await run(kept);
    const digest = await kept.end();
    const onDisk = readFileSync(path);
    assert.ok(onDisk.length > 64 * 1024, "the output is larger than a stream's buffer, so backpressure is exercised");
    assert.equal(digest.filteredBytes, onDisk.length);
    assert.equal(digest.filteredSha256, createHash("sha256").update(onDisk).digest("hex"));
  });

  it("is the same when a replay only hashes the output, and a replay never stalls for want of a reader", async () => {
    const kept = filteredOutput(createWriteStream(join(dir, "again.jsonl")));
    await run(kept);
    const hashedOnly = filteredOutput();
    await run(hashedOnly);
    assert.deepEqual(await hashedOnly.end(), await kept.end());
  });
});
