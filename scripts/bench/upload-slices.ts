// The oracle benchmarks' uploads: a synthetic corpus (built once under .bench/, with 4% exact
// and 4% near duplicates) cut into `uploads` JSONL files of about `uploadMb` MB, at line boundaries.
import { existsSync, readFileSync } from "node:fs";
import { buildCorpus } from "../../oracle/pipeline/testset/bench-corpus.ts";
import { followEvents, upload, type SignedIn } from "../../oracle/service/testing.ts";

const MB = 1024 * 1024;

export async function uploadSlices(uploads: number, uploadMb: number): Promise<Buffer[]> {
  const corpusMb = Math.ceil((uploads * uploadMb) / 10) * 10 + 10;
  const corpus = `.bench/corpus-${corpusMb}mb.jsonl`;
  if (!existsSync(corpus)) {
    console.error(`building a ${corpusMb} MB corpus at ${corpus} …`);
    await buildCorpus(corpus, { targetBytes: corpusMb * MB, exactDuplicateRate: 0.04, nearDuplicateRate: 0.04, seed: 1 });
  }
  const lines = readFileSync(corpus, "utf8").split("\n").filter((l) => l.length > 0);
  const out: Buffer[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    current.push(line);
    size += line.length + 1;
    if (size >= uploadMb * MB) {
      out.push(Buffer.from(current.join("\n") + "\n"));
      current = [];
      size = 0;
      if (out.length === uploads) break;
    }
  }
  if (out.length < uploads) throw new Error(`the corpus holds only ${out.length} slices of ${uploadMb} MB`);
  return out;
}

export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/** Uploads one file as `who` and follows its job to an accepted end: the job, and seconds from the first byte sent. */
export async function uploadToReceipt(url: string, who: SignedIn, name: string, data: Buffer): Promise<{ seconds: number; job: any }> {
  const started = performance.now();
  const res = await upload(url, who, [{ name, data }]);
  if (res.status !== 202) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
  const { job } = (await res.json()) as { job: { id: string } };
  const done = (await followEvents(url, who, job.id)).at(-1)!;
  if (done.data.state !== "accepted") throw new Error(`job of ${name}: ${JSON.stringify(done.data.error)}`);
  return { seconds: (performance.now() - started) / 1000, job: done.data };
}
