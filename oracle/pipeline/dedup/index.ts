// The sequential dedup index (main thread): every document accepted so far, in order of acceptance.
//
// State changes only through add(), in order of acceptance; check() never changes it. So the state
// is a pure function of the ordered accepted fingerprints, and anyone can rebuild it by adding them
// again in the same order (saveIndex/loadIndex in persist.ts give the same state, faster).
//
// Layout (typed arrays only, no Map/Set, so it holds more than V8's 16.7 M-entry limit):
//   documents  numbered 0, 1, 2... in order of acceptance; per document, in pages of 16384:
//              a record [submission, document, exactHi, exactLo] (Uint32) and 16 bits of each
//              signature value, the low half of fmix32(value) (Uint16): not the raw high bits,
//              which are small numbers in every document's minima, nor the raw low bits, which
//              depend only on the low bits of the shingle hash (the same for all 112 values);
//              two different values then agree with probability 2^-16, independently;
//   tables     open addressing with linear probing, interleaved [key, doc + 1] uint32 pairs, one
//              table for exact hashes (key: exactLo, checked against exactHi in the record) and one
//              per LSH band (key: a hash of the band's `rows` full 32-bit signature values). All
//              tables share one capacity, a power of two kept at most 3/4 full, and double together.
//              Robin Hood ordering makes each table's bytes a function of its entries alone.
import { DedupError, resolveDedupConfig, type DedupConfig } from "./config.ts";
import { fmix32 } from "./hash.ts";
import type { Fingerprint } from "./fingerprint.ts";
import { checkNextRef, checkRoom, validateFingerprint, type DedupLookup, type DedupMatch, type DocRef } from "./lookup.ts";
import { PassageTable, type Containment } from "./passage-index.ts";
import type { PassageQuery } from "./passages.ts";
import { buildTable, capacityFor, MIN_CAPACITY, place } from "./table.ts";

export { buildTable, capacityFor } from "./table.ts";

export type { DedupMatch, DocRef } from "./lookup.ts";

export interface DedupStats {
  documents: number;
  /** Bytes of every typed array the index holds. */
  bytes: number;
  /** Slots per table. */
  capacity: number;
}

const PAGE_BITS = 14;
const PAGE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE - 1;
const REC = 4;
export class DedupIndex implements DedupLookup {
  readonly name = "dedup";
  readonly config: DedupConfig;
  private readonly k: number;
  /** Equal signature values needed for a near duplicate: ceil(threshold * k). */
  private readonly minMatches: number;
  private count = 0;
  private recPages: Uint32Array[] = [];
  private sigPages: Uint16Array[] = [];
  private capacity = MIN_CAPACITY;
  private exactTable: Uint32Array = new Uint32Array(2 * MIN_CAPACITY);
  private bandTables: Uint32Array[];
  private readonly query16: Uint16Array;
  private readonly touched: Uint32Array;
  private passages = new PassageTable();

  constructor(config: Partial<DedupConfig> = {}) {
    this.config = resolveDedupConfig(config);
    this.k = this.config.bands * this.config.rows;
    this.minMatches = Math.ceil(this.config.threshold * this.k - 1e-9);
    this.bandTables = Array.from({ length: this.config.bands }, () => new Uint32Array(2 * MIN_CAPACITY));
    this.query16 = new Uint16Array(this.k);
    this.touched = new Uint32Array(this.config.bands);
  }

  /** Number of documents added. */
  get size(): number {
    return this.count;
  }

  /** The reference of the i-th accepted document (0-based, in order of acceptance). */
  refAt(i: number): DocRef {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) throw new RangeError(`no document ${i} in the index`);
    const rec = this.recPages[i >>> PAGE_BITS];
    const o = (i & PAGE_MASK) * REC;
    return { submission: rec[o], document: rec[o + 1] };
  }

  /**
   * Is `fp` a duplicate of a document accepted before? `submission` is the sequence number of the
   * submission `fp` belongs to (it only decides `within`). Exact duplicates are reported first;
   * otherwise, among the documents that share a band with `fp` and reach the threshold, the one
   * accepted first. Never changes the index.
   */
  check(fp: Fingerprint, submission: number): DedupMatch | null {
    this.validate(fp);
    if (typeof submission !== "number") throw new DedupError("bad_ref", "dedup: check(fingerprint, submission) needs the submission number");
    const exact = this.findExact(fp.exact[0] >>> 0, fp.exact[1] >>> 0);
    if (exact >= 0) return this.match("exact", exact, submission);
    if (fp.shingles === 0) return null;
    const { k, minMatches } = this;
    const sig = fp.signature;
    let queryReady = false;
    const bands = this.config.bands;
    const keys = fp.bandKeys;
    const mask = this.capacity - 1;
    this.touch(keys, mask);
    let best = -1;
    let bestMatches = 0;
    for (let t = 0; t < bands; t++) {
      const key = keys[t];
      const table = this.bandTables[t];
      for (let s = key & mask; ; s = (s + 1) & mask) {
        const d1 = table[2 * s + 1];
        if (d1 === 0) break;
        if (table[2 * s] !== key) continue;
        const d = d1 - 1;
        if (best >= 0 && d >= best) continue;
        if (!queryReady) {
          const q = this.query16;
          for (let i = 0; i < k; i++) q[i] = fmix32(sig[i]);
          queryReady = true;
        }
        const m = this.matches(d, minMatches);
        if (m >= minMatches) {
          best = d;
          bestMatches = m;
        }
      }
    }
    if (best < 0) return null;
    const result = this.match("near", best, submission);
    result.jaccard = bestMatches / k;
    return result;
  }

  /**
   * A hint, no change of state: starts loading the table slots a later check/add of `fp` reads.
   * A runner that calls prefetch(fingerprint of document i + 4) before check(document i) keeps
   * several documents' cache misses in flight at once (about 2x the check+add rate on an index
   * larger than the CPU cache).
   */
  prefetch(fp: Fingerprint): void {
    const mask = this.capacity - 1;
    const seen = this.touched;
    seen[0] = this.exactTable[2 * (fp.exact[1] & mask) + 1];
    if (fp.shingles !== 0 && fp.bandKeys?.length === this.config.bands) this.touch(fp.bandKeys, mask);
  }

  /**
   * Records `fp` as accepted, as document number `size`. Refs must strictly increase in
   * (submission, document) order: acceptance order is the only order the index knows.
   * Throws a DedupError (and changes nothing) when the index already holds maxDocuments.
   */
  add(fp: Fingerprint, ref: DocRef): void {
    this.validate(fp);
    checkNextRef(ref, this.count > 0 ? this.refAt(this.count - 1) : null);
    checkRoom(this.count, this.config);
    const d = this.count;
    if (d + 1 > this.capacity - (this.capacity >>> 2)) this.resize(this.capacity * 2);
    if ((d & PAGE_MASK) === 0) {
      this.recPages.push(new Uint32Array(PAGE * REC));
      this.sigPages.push(new Uint16Array(PAGE * this.k));
    }
    const rec = this.recPages[d >>> PAGE_BITS];
    const o = (d & PAGE_MASK) * REC;
    const hi = fp.exact[0] >>> 0;
    const lo = fp.exact[1] >>> 0;
    rec[o] = ref.submission;
    rec[o + 1] = ref.document;
    rec[o + 2] = hi;
    rec[o + 3] = lo;
    const sigs = this.sigPages[d >>> PAGE_BITS];
    const so = (d & PAGE_MASK) * this.k;
    const signature = fp.signature;
    for (let i = 0, k = this.k; i < k; i++) sigs[so + i] = fmix32(signature[i]); // low 16 bits kept
    this.count = d + 1;
    this.passages.add(d, fp.passages);
    if (this.findExact(hi, lo) < 0) this.insert(this.exactTable, lo, d, Infinity);
    if (fp.shingles === 0) return;
    const { bands, maxBucket } = this.config;
    const keys = fp.bandKeys;
    this.touch(keys, this.capacity - 1);
    for (let t = 0; t < bands; t++) this.insert(this.bandTables[t], keys[t], d, maxBucket);
  }

  /**
   * What the accepted documents hold of a checked document's sampled passages (containment, not
   * Jaccard: a part, a concatenation or an embedding of earlier documents is found). Never changes
   * the index.
   */
  contain(query: PassageQuery): Containment & { refs: DocRef[] } {
    const c = this.passages.contain(query, this.config.passageMinShared, this.config.passageUnitShare);
    return { ...c, refs: c.sources.map((s) => this.refAt(s.doc)) };
  }

  stats(): DedupStats {
    let bytes = this.exactTable.byteLength + this.touched.byteLength + this.query16.byteLength + this.passages.bytes();
    for (const t of this.bandTables) bytes += t.byteLength;
    for (const p of this.recPages) bytes += p.byteLength;
    for (const p of this.sigPages) bytes += p.byteLength;
    return { documents: this.count, bytes, capacity: this.capacity };
  }

  // ---- internals shared with format.ts (serialization) ----

  /** @internal The per-document pages, trimmed views of the first `size` documents. */
  documentSections(): { records: Uint32Array[]; signatures: Uint16Array[] } {
    const records: Uint32Array[] = [];
    const signatures: Uint16Array[] = [];
    for (let p = 0; p < this.recPages.length; p++) {
      const n = Math.min(PAGE, this.count - p * PAGE);
      records.push(this.recPages[p].subarray(0, n * REC));
      signatures.push(this.sigPages[p].subarray(0, n * this.k));
    }
    return { records, signatures };
  }

  /** @internal The passage horizons (per document) and passage table (serialization). */
  passageSections(): { horizons: Uint32Array[]; table: Uint32Array } {
    return this.passages.sections();
  }

  /** @internal The tables, [exact, band 0, band 1, ...], each 2 * capacity uint32 (serialization). */
  tables(): Uint32Array[] {
    return [this.exactTable, ...this.bandTables];
  }

  /**
   * @internal Restores a saved state (deserialization): `records` and `signatures` hold `count`
   * documents (full pages are used in place, the last partial page is copied so it can grow), and
   * `tables` are [exact, band 0, ...] of capacityFor(count) slots each, used in place.
   */
  restore(
    count: number,
    records: Uint32Array,
    signatures: Uint16Array,
    tables: Uint32Array[],
    passages: { horizons: Uint32Array; table: Uint32Array },
  ): void {
    if (this.count !== 0) throw new Error("dedup: restore into a non-empty index");
    this.passages.restore(count, passages.horizons, passages.table);
    const capacity = capacityFor(count);
    if (records.length !== count * REC || signatures.length !== count * this.k || tables.length !== this.config.bands + 1) {
      throw new Error("dedup: restore with sections of the wrong size");
    }
    for (const t of tables) if (t.length !== 2 * capacity) throw new Error("dedup: restore with a table of the wrong size");
    for (let first = 0; first < count; first += PAGE) {
      const n = Math.min(PAGE, count - first);
      let rec = records.subarray(first * REC, (first + n) * REC);
      let sig = signatures.subarray(first * this.k, (first + n) * this.k);
      if (n < PAGE) {
        const r = new Uint32Array(PAGE * REC);
        r.set(rec);
        const g = new Uint16Array(PAGE * this.k);
        g.set(sig);
        rec = r;
        sig = g;
      }
      this.recPages.push(rec);
      this.sigPages.push(sig);
    }
    this.count = count;
    this.capacity = capacity;
    this.exactTable = tables[0];
    this.bandTables = tables.slice(1);
  }

  // ---- private ----

  private validate(fp: Fingerprint): void {
    validateFingerprint(fp, this.config);
  }

  /**
   * Reads each band's home slot once, before any probing. The reads are independent, so the CPU
   * overlaps their cache misses; the probes then find the lines cached (2-3x faster on large
   * indexes, where every band's table is a cache miss).
   */
  private touch(keys: Uint32Array, mask: number): void {
    const seen = this.touched;
    for (let t = 0; t < keys.length; t++) seen[t] = this.bandTables[t][2 * (keys[t] & mask) + 1];
  }

  private match(kind: "exact" | "near", d: number, submission: number): DedupMatch {
    const keptRef = this.refAt(d);
    return { kind, within: keptRef.submission === submission, keptRef };
  }

  /** Equal values between document d's stored signature and the query (stops once hopeless). */
  private matches(d: number, need: number): number {
    const sigs = this.sigPages[d >>> PAGE_BITS];
    const so = (d & PAGE_MASK) * this.k;
    const q = this.query16;
    const k = this.k;
    let m = 0;
    let misses = 0;
    const allowed = k - need;
    for (let i = 0; i < k; i++) {
      if (sigs[so + i] === q[i]) m++;
      else if (++misses > allowed) return m;
    }
    return m;
  }

  private findExact(hi: number, lo: number): number {
    const table = this.exactTable;
    const mask = this.capacity - 1;
    for (let s = lo & mask; ; s = (s + 1) & mask) {
      const d1 = table[2 * s + 1];
      if (d1 === 0) return -1;
      if (table[2 * s] !== lo) continue;
      const d = d1 - 1;
      if (this.recPages[d >>> PAGE_BITS][(d & PAGE_MASK) * REC + 2] === hi) return d;
    }
  }

  /** Adds (key, d) to `table`, unless key's run already holds `limit` entries with this key. */
  private insert(table: Uint32Array, key: number, d: number, limit: number): void {
    const mask = this.capacity - 1;
    let same = 0;
    for (let s = key & mask; table[2 * s + 1] !== 0; s = (s + 1) & mask) {
      if (table[2 * s] === key && ++same >= limit) return;
    }
    place(table, mask, key, d + 1);
  }

  /** Doubles every table, one at a time. */
  private resize(capacity: number): void {
    this.exactTable = buildTable(this.exactTable, capacity);
    for (let t = 0; t < this.bandTables.length; t++) this.bandTables[t] = buildTable(this.bandTables[t], capacity);
    this.capacity = capacity;
  }


}
