// The accepted documents' passages, for containment: which earlier document first had each sampled
// passage hash, and up to which hash each document was sampled (its horizon, see passages.ts).
//
// Layout (typed arrays only, like index.ts): one open-addressing table of [hash, doc + 1] pairs,
// Robin Hood ordered by the same `place` as the index's tables, so its bytes depend only on the
// entries; a hash already present keeps its first document. Per document, in pages of 16384, the
// horizon: its largest stored hash when its sketch is full, NO_PASSAGE (everything) otherwise.
// Memory per document: 4 bytes of horizon and 8 bytes per stored hash at most 3/4 load, so
// 4 + 64 x 8 x 4/3 ≈ 690 bytes at most with 64 slots; shorter documents store fewer hashes.
import { DedupError } from "./config.ts";
import { buildTable, capacityFor, place } from "./table.ts";
import { NO_PASSAGE, type PassageQuery } from "./passages.ts";

const PAGE_BITS = 14;
const PAGE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE - 1;

/** What the accepted documents share with a checked one. */
export interface Containment {
  /** Share of the checked document's samples (below its sources' horizons) found in a source. */
  coverage: number;
  /** Documents (accepted numbers) sharing at least passageMinShared samples, most shared first. */
  sources: { doc: number; shared: number }[];
  /** Units of the checked document at least `unitShare` of whose judged samples were found. */
  copiedUnits: number[];
  /** Units in the checked document. */
  units: number;
  /** Share of the judged samples that lie in units not copied (what would be paid for). */
  remainder: number;
  /**
   * The copied units are copied nearly whole (90% of their samples found) and the others share
   * nothing: shared paragraphs beside new ones (a licence header), not an edited copy.
   */
  verbatim: boolean;
}

const VERBATIM_SHARE = 0.9;

/** A document's horizon: its largest stored hash when its sketch is full, else NO_PASSAGE. */
export function horizonOf(stored: Uint32Array): number {
  const full = stored.length > 0 && stored[stored.length - 1] !== NO_PASSAGE;
  return full ? stored[stored.length - 1] : NO_PASSAGE;
}

export class PassageTable {
  private count = 0;
  private entries = 0;
  private capacity = capacityFor(0);
  private table: Uint32Array = new Uint32Array(2 * this.capacity);
  private horizonPages: Uint32Array[] = [];

  /** Records document `d` (the next in order) with its stored sketch. */
  add(d: number, stored: Uint32Array): void {
    if (d !== this.count) throw new DedupError("out_of_order", `passages: document ${d} added after ${this.count - 1}`);
    if ((d & PAGE_MASK) === 0) this.horizonPages.push(new Uint32Array(PAGE));
    this.horizonPages[d >>> PAGE_BITS][d & PAGE_MASK] = horizonOf(stored);
    this.count++;
    for (const h of stored) {
      if (h === NO_PASSAGE) break;
      if (this.find(h) >= 0) continue;
      if (this.entries + 1 > this.capacity - (this.capacity >>> 2)) {
        this.capacity *= 2;
        this.table = buildTable(this.table, this.capacity);
      }
      place(this.table, this.capacity - 1, h, d + 1);
      this.entries++;
    }
  }

  /** The first accepted document holding sampled hash `h`, or -1. */
  find(h: number): number {
    const mask = this.capacity - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const d1 = this.table[2 * s + 1];
      if (d1 === 0) return -1;
      if (this.table[2 * s] === h) return d1 - 1;
    }
  }

  horizon(d: number): number {
    return this.horizonPages[d >>> PAGE_BITS][d & PAGE_MASK];
  }

  /** What of `query` the accepted documents hold (see containment). */
  contain(query: PassageQuery, minShared: number, unitShare: number): Containment {
    return containment(query, (h) => this.find(h), (d) => this.horizon(d), minShared, unitShare);
  }

  get size(): number {
    return this.count;
  }

  bytes(): number {
    return this.table.byteLength + this.horizonPages.reduce((n, p) => n + p.byteLength, 0);
  }

  /** @internal The horizons of the first `size` documents and the table (serialization). */
  sections(): { horizons: Uint32Array[]; table: Uint32Array } {
    const horizons = this.horizonPages.map((p, i) => p.subarray(0, Math.min(PAGE, this.count - i * PAGE)));
    return { horizons, table: this.table };
  }

  /** @internal Restores a saved state: `count` horizons and a table of any power-of-two capacity. */
  restore(count: number, horizons: Uint32Array, table: Uint32Array): void {
    if (this.count !== 0) throw new Error("passages: restore into a non-empty table");
    const capacity = table.length / 2;
    if (horizons.length !== count || capacity < capacityFor(0) || (capacity & (capacity - 1)) !== 0) {
      throw new Error("passages: restore with sections of the wrong size");
    }
    for (let first = 0; first < count; first += PAGE) {
      const page = new Uint32Array(PAGE);
      page.set(horizons.subarray(first, Math.min(count, first + PAGE)));
      this.horizonPages.push(page);
    }
    let entries = 0;
    for (let s = 1; s < table.length; s += 2) if (table[s] !== 0) entries++;
    this.count = count;
    this.entries = entries;
    this.capacity = capacity;
    this.table = table;
  }
}

/**
 * What of `query` the accepted documents hold, given `find` (the first accepted document holding a
 * sampled hash, or -1) and `horizon` (a document's horizon): the one rule every index applies.
 * A sample counts as copied when the document that first had it shares at least `minShared` samples with the query (single shared phrases are
 * chance); each source judges only the samples below its horizon, so a long source sampled
 * sparsely is compared on what it stored.
 */
export function containment(
query: PassageQuery,
find: (hash: number) => number,
horizon: (doc: number) => number,
minShared: number,
unitShare: number,
): Containment {
  const { samples, unitStarts } = query;
  const n = samples.length / 2;
  const found = new Int32Array(n);
  const shared = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const d = find(samples[2 * i]);
    found[i] = d;
    if (d >= 0) shared.set(d, (shared.get(d) ?? 0) + 1);
  }
  const sources = [...shared]
    .filter(([, k]) => k >= minShared)
    .map(([doc, k]) => ({ doc, shared: k }))
    .sort((a, b) => b.shared - a.shared || a.doc - b.doc);
  const units = unitStarts.length;
  if (sources.length === 0) return { coverage: 0, sources, copiedUnits: [], units, remainder: 1, verbatim: false };
  // Each unit is judged against the horizon of the source it shares most with (samples above a
  // source's horizon were never stored for it); a unit sharing nothing, against the lowest.
  const isSource = new Set(sources.map((s) => s.doc));
  const rank = new Map(sources.map((s, i) => [s.doc, i]));
  const best = new Int32Array(units).fill(-1);
  const bestCount = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (found[i] < 0 || !isSource.has(found[i])) continue;
    const u = samples[2 * i + 1];
    const key = u * sources.length + rank.get(found[i])!;
    const c = (bestCount.get(key) ?? 0) + 1;
    bestCount.set(key, c);
    const b = best[u];
    if (b < 0 || c > (bestCount.get(u * sources.length + rank.get(b)!) ?? 0)) best[u] = found[i];
  }
  let lowest = NO_PASSAGE;
  for (const s of sources) lowest = Math.min(lowest, horizon(s.doc));
  const judged = new Uint32Array(units);
  const copied = new Uint32Array(units);
  let judgedAll = 0;
  let copiedAll = 0;
  for (let i = 0; i < n; i++) {
    const u = samples[2 * i + 1];
    const limit = best[u] >= 0 ? horizon(best[u]) : lowest;
    if (samples[2 * i] > limit) continue;
    judged[u]++;
    judgedAll++;
    if (found[i] >= 0 && isSource.has(found[i])) {
      copied[u]++;
      copiedAll++;
    }
  }
  const copiedUnits: number[] = [];
  let left = 0;
  let foundLeft = 0;
  let judgedCut = 0;
  for (let u = 0; u < units; u++) {
    if (judged[u] > 0 && copied[u] >= unitShare * judged[u]) {
      copiedUnits.push(u);
      judgedCut += judged[u];
    } else {
      left += judged[u];
      foundLeft += copied[u];
    }
  }
  const share = (x: number) => (judgedAll === 0 ? 0 : x / judgedAll);
  const verbatim = foundLeft === 0 && copiedAll >= VERBATIM_SHARE * judgedCut;
  return { coverage: share(copiedAll), sources, copiedUnits, units, remainder: judgedAll === 0 ? 1 : share(left), verbatim };
}
