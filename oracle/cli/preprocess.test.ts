import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { generateTestSet } from "../pipeline/testset/generate.ts";

const CLI = fileURLToPath(new URL("./1tt.ts", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "1tt-cli-"));
after(() => rmSync(work, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", CLI, "preprocess", ...args], { encoding: "utf8", cwd: work });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const docs = [...generateTestSet(5, { clean: 30, boilerplate: 5, repetition: 5, nonEnglish: 5, exactDuplicates: 5, nearDuplicates: 0, nearDuplicateTargets: [] })];
const jsonl = docs.map((d) => JSON.stringify({ text: d.text })).join("\n") + "\n";
writeFileSync(join(work, "data.jsonl"), jsonl);
writeFileSync(join(work, "data2.jsonl.gz"), gzipSync(jsonl));

describe("1tt preprocess", () => {
  it("writes the filtered documents, the report and the pipeline id, and prints a summary", () => {
    const r = run("data.jsonl", "--out", "out", "--workers", "2", "--no-progress");
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(readFileSync(join(work, "out", "report.json"), "utf8"));
    const lines = readFileSync(join(work, "out", "filtered.jsonl"), "utf8").trim().split("\n");
    assert.equal(report.documents.in, docs.length);
    assert.equal(lines.length, report.documents.out);
    assert.ok(report.duplicates.exact.within.documents >= 4);
    const pipeline = JSON.parse(readFileSync(join(work, "out", "pipeline.json"), "utf8"));
    assert.equal(pipeline.id, report.pipelineId);
    assert.match(r.out, new RegExp(`out \\(accepted\\)\\s+${report.documents.out}\\s+${report.tokens.out}`));
  });

  it("runs the preset it is given, with that preset's pipeline id", () => {
    const r = run("data.jsonl", "--out", "code-out", "--preset", "code", "--no-progress");
    assert.equal(r.code, 0, r.err);
    const pipeline = JSON.parse(readFileSync(join(work, "code-out", "pipeline.json"), "utf8"));
    const prose = JSON.parse(readFileSync(join(work, "out", "pipeline.json"), "utf8"));
    assert.equal(pipeline.config.preset, "code");
    assert.equal(prose.config.preset, "prose");
    assert.notEqual(pipeline.id, prose.id);
  });

  it("deduplicates a second submission against the state of the first", () => {
    assert.equal(run("data.jsonl", "--out", "s0", "--state", "state", "--no-progress").code, 0);
    const r = run("data2.jsonl.gz", "--out", "s1", "--state", "state", "--no-progress");
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(readFileSync(join(work, "s1", "report.json"), "utf8"));
    assert.equal(report.documents.out, 0);
    assert.equal(report.submission.sequence, 1);
    assert.match(r.out, /accepted as submission 1/);
  });

  it("replays lost fingerprints from the recorded inputs, giving the same state", () => {
    assert.equal(run("data.jsonl", "--out", "r0", "--state", "replay", "--no-progress").code, 0);
    const before = readFileSync(join(work, "replay", "dedup-index.bin"));
    rmSync(join(work, "replay", "fingerprints", "000000.bin"));
    rmSync(join(work, "replay", "dedup-index.bin"));
    const r = run("data2.jsonl.gz", "--out", "r1", "--state", "replay", "--no-progress");
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /replaying/);
    assert.equal(JSON.parse(readFileSync(join(work, "r1", "report.json"), "utf8")).documents.out, 0, "the replayed state still holds every document");
    const log = readFileSync(join(work, "replay", "log.jsonl"), "utf8").trim().split("\n");
    assert.equal(log.length, 2);
    assert.ok(existsSync(join(work, "replay", "fingerprints", "000000.bin")));
    assert.ok(before.length > 0);
  });

  it("refuses to replay a submission whose input changed since", () => {
    writeFileSync(join(work, "changing.jsonl"), jsonl);
    assert.equal(run("changing.jsonl", "--out", "c0", "--state", "changing", "--no-progress").code, 0);
    writeFileSync(join(work, "changing.jsonl"), docs.slice(0, 10).map((d) => JSON.stringify({ text: d.text })).join("\n") + "\n");
    rmSync(join(work, "changing", "fingerprints", "000000.bin"));
    rmSync(join(work, "changing", "dedup-index.bin"));
    const r = run("data.jsonl", "--out", "c1", "--state", "changing", "--no-progress");
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot be rebuilt from them/);
  });

  it("explains a missing file, a folder, bad worker counts and a bad config, with exit code 2", () => {
    const cases: [string[], RegExp][] = [
      [["nope.jsonl"], /nope\.jsonl: no such file/],
      [["."], /not a regular file/],
      [["data.jsonl", "--workers", "0"], /--workers must be a whole number/],
    ];
    writeFileSync(join(work, "bad.json"), "{ not json");
    cases.push([["data.jsonl", "--config", "bad.json"], /bad\.json is not valid JSON/]);
    writeFileSync(join(work, "typo.json"), JSON.stringify({ quality: { gopherQuality: { minWordz: 3 } } }));
    cases.push([["data.jsonl", "--config", "typo.json"], /minWordz/]);
    writeFileSync(join(work, "section.json"), JSON.stringify({ filters: {} }));
    cases.push([["data.jsonl", "--config", "section.json"], /unknown section "filters"/]);
    cases.push([["data.jsonl", "--preset", "poetry"], /preset must be one of prose, code, dialogue \(got "poetry"\)/]);
    for (const [args, message] of cases) {
      const r = run(...args, "--out", "err-out", "--no-progress");
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
      assert.match(r.err, message);
      assert.doesNotMatch(r.err, /\n\s+at /, "no stack trace");
    }
  });

  it("refuses a file whose bytes are not the format its name says", () => {
    writeFileSync(join(work, "fake.jsonl"), gzipSync("{}"));
    const r = run("fake.jsonl", "--out", "fake-out", "--no-progress");
    assert.equal(r.code, 2);
    assert.match(r.err, /fake\.jsonl/);
    assert.equal(existsSync(join(work, "fake-out", "report.json")), false, "no report for a refused input");
    assert.equal(existsSync(join(work, "fake-out", "filtered.jsonl")), false, "no output for a refused input");
    assert.equal(existsSync(join(work, "fake-out", "filtered.jsonl.partial")), false, "no half output left behind");
  });
});
