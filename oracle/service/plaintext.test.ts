// Nothing of an upload is kept in plaintext outside the sealed store and the process's memory:
// not in the data folder, the database or the system's temporary folder, after a run and after
// a crash (kill -9) in the middle of reading.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import { DEFAULT_SIZES, generateTestSet } from "../pipeline/testset/generate.ts";
import { datasetJsonl, exited, followEvents, getJson, signIn, startMain, testEnv, upload } from "./testing.ts";

const MARKER = `quagga${randomBytes(6).toString("hex")}`;

/** Every file under `dir` whose bytes hold the marker. */
function filesWithMarker(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const needle = Buffer.from(MARKER);
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const path = join(dir, entry);
    if (statSync(path).isFile() && readFileSync(path).includes(needle)) found.push(path);
  }
  return found;
}

/** Documents naming the marker where the pipeline keeps them, removes them, and cannot read them. */
function markedJsonl(): string {
  const lines = datasetJsonl(5).split("\n").filter(Boolean);
  lines.splice(3, 0, JSON.stringify({ text: `Please contact Jane Roe at ${MARKER}@example.com or +1 415 555 0142 about the invoice.` }));
  lines.splice(6, 0, `{"text": "broken ${MARKER}`);
  lines.splice(9, 0, JSON.stringify({ text: `The committee met on Tuesday and ${MARKER} read the minutes aloud. `.repeat(3) }));
  return lines.join("\n") + "\n";
}

/** A gzip-compressed Parquet file of real documents, the marker in many of them, several row groups. */
function markedParquetGz(copies: number): Buffer {
  const texts = [...generateTestSet(9, DEFAULT_SIZES)].map((d, i) => (i % 7 === 0 ? `${d.text} ${MARKER}` : d.text));
  const all = Array.from({ length: copies }, (_, c) => texts.map((t) => `${t} (${c})`)).flat();
  return gzipSync(parquetWriteBuffer({ columnData: [{ name: "text", data: all, type: "STRING" }], rowGroupSize: 500 }));
}

describe("plaintext at rest", () => {
  it("leaves no trace of the uploaded text in the data folder, the database or the temporary folder, after a run and after a kill -9", async () => {
    const dir = mkdtempSync(join(tmpdir(), "1tt-plaintext-"));
    const systemTmp = join(dir, "tmp");
    mkdirSync(systemTmp);
    const env = { ...testEnv(dir, { ORACLE_PORT: "0", ORACLE_LOG_LEVEL: "info" }), TMPDIR: systemTmp };
    const places = [join(dir, "oracle"), join(dir, "ipfs"), systemTmp];
    const traces = () => places.flatMap(filesWithMarker);
    let running: ReturnType<typeof startMain> extends Promise<infer T> ? T | null : never = null;
    try {
      running = await startMain(env);
      const who = await signIn(running.url);
      const res = await upload(running.url, who, [{ name: "letters.jsonl", data: markedJsonl() }, { name: "small.parquet.gz", data: markedParquetGz(1) }]);
      assert.equal(res.status, 202, await res.clone().text());
      const { job } = (await res.json()) as { job: { id: string } };
      const done = (await followEvents(running.url, who, job.id)).at(-1)!.data;
      assert.equal(done.state, "accepted", JSON.stringify(done.error));
      const report = (await getJson(running.url, who, `/jobs/${job.id}/report`)).body;
      assert.ok(report.documents.out < report.documents.in, "the pipeline removed some documents");
      assert.ok(report.readerIssues.total >= 1, "the broken line is reported");
      assert.doesNotMatch(JSON.stringify(report), new RegExp(MARKER), "the service's report holds counts, not excerpts");
      assert.deepEqual(traces(), [], "after a run");

      // Killed while reading a compressed Parquet file, which is read from a decompressed copy.
      const big = await upload(running.url, who, [{ name: "big.parquet.gz", data: markedParquetGz(12) }]);
      assert.equal(big.status, 202, await big.clone().text());
      const { job: bigJob } = (await big.json()) as { job: { id: string } };
      const copy = () => [join(dir, "oracle"), systemTmp].some((d) => readdirSync(d, { recursive: true, encoding: "utf8" }).some((f) => f.endsWith("input.parquet")));
      for (let i = 0; i < 3000 && !copy(); i++) await new Promise((r) => setTimeout(r, 5));
      assert.ok(copy(), "the oracle was reading its copy of the Parquet file");
      running.child.kill("SIGKILL");
      await exited(running.child);
      running = null;
      assert.deepEqual(filesWithMarker(systemTmp), [], "nothing in the system's temporary folder at the crash");

      running = await startMain(env);
      const after = (await followEvents(running.url, who, bigJob.id)).at(-1)!.data;
      assert.equal(after.state, "accepted", JSON.stringify(after.error));
      assert.deepEqual(traces(), [], "after the restart finished the job");
    } finally {
      running?.child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
