// Throughput of the embedded store: add and get of SIZE_MIB (default 100) MiB, plus computeCid
// alone for comparison. Run: node oracle/store/bench.ts [sizeMiB]
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { computeCid } from "./compute-cid.ts";
import { EmbeddedStore } from "./embedded/embedded-store.ts";

const MIB = 1 << 20;
const sizeMiB = Number(process.argv[2] ?? 100);
const runs = 3;

/** Distinct 1 MiB pieces (no two chunks alike), made before timing starts. */
const pieces = Array.from({ length: sizeMiB }, (_, i) => {
  const p = new Uint8Array(MIB);
  for (let j = 0; j < MIB; j += 4) new DataView(p.buffer).setUint32(j, (i * 2654435761 + j * 40503) >>> 0);
  return p;
});
async function* source() {
  yield* pieces;
}

const rate = (ms: number) => `${(sizeMiB / (ms / 1000)).toFixed(0)} MiB/s`;
const best = (xs: number[]) => Math.min(...xs);

const dir = await mkdtemp(join(tmpdir(), "1tt-store-bench-"));
try {
  const hashMs: number[] = [];
  const addMs: number[] = [];
  const getMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    let t = performance.now();
    const expected = await computeCid(source());
    hashMs.push(performance.now() - t);

    const store = await EmbeddedStore.open(join(dir, `run-${run}`));
    t = performance.now();
    const cid = await store.add(source());
    addMs.push(performance.now() - t);
    if (!cid.equals(expected)) throw new Error("add and computeCid disagree");

    t = performance.now();
    let read = 0;
    for await (const piece of store.get(cid)) read += piece.byteLength;
    getMs.push(performance.now() - t);
    if (read !== sizeMiB * MIB) throw new Error(`read ${read} bytes`);
    await store.close();
  }
  console.log(`embedded store, ${sizeMiB} MiB, best of ${runs} runs (fresh folder each run, page cache warm for get)`);
  console.log(`  computeCid (hash only): ${rate(best(hashMs))}`);
  console.log(`  add (hash + write blocks): ${rate(best(addMs))}`);
  console.log(`  get (read + verify + stream): ${rate(best(getMs))}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
