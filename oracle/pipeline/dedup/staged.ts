// A dedup index whose accepted documents live in a store (a database) rather than in this
// process: before each batch, prepare() reads from the store, in one round, every row the batch's
// checks and adds can reach (its exact hashes, its band keys, its passage hashes, and the
// documents those rows name); the documents accepted during the run are held here until the
// caller writes them to the store (pending()) and calls settle(). The decisions are those of the
// in-memory DedupIndex over the same documents in the same order: the same rules, the same
// numbering (stored documents first, then this run's), the same first-come tables, the same
// maxBucket cap per (band, key). Memory is what one batch reaches plus what this run accepted.
import { DedupError, resolveDedupConfig, type DedupConfig } from "./config.ts";
import type { Fingerprint } from "./fingerprint.ts";
import { fmix32 } from "./hash.ts";
import { checkNextRef, checkRoom, validateFingerprint, type DedupLookup, type DedupMatch, type DocRef } from "./lookup.ts";
import { containment, horizonOf, type Containment } from "./passage-index.ts";
import { NO_PASSAGE, type PassageQuery } from "./passages.ts";

/** One stored document: where it came from, its signature bits (k x 16) and its passage horizon. */
export interface StoredDocument {
  doc: number;
  ref: DocRef;
  signature: Uint16Array;
  horizon: number;
}

/** What prepare() asks the store for: uint32 values, duplicates removed. */
export interface StoreRequest {
  /** Exact hashes as [hi, lo] pairs. */
  exact: Uint32Array;
  /** Per band, the keys looked up. */
  bands: Uint32Array[];
  passages: Uint32Array;
}

/** The stored rows matching a request, and every document they name. */
export interface StoreRows {
  exact: { hi: number; lo: number; doc: number }[];
  /** Every document indexed under a requested (band, key): at most maxBucket per key. */
  bands: { band: number; key: number; doc: number }[];
  /** The first document holding each requested passage hash that any document holds. */
  passages: { hash: number; doc: number }[];
  documents: StoredDocument[];
}

export interface DedupStore {
  read(request: StoreRequest): Promise<StoreRows>;
}

/** The rows this run accepted, to write to the store in the commit's transaction. */
export interface PendingRows {
  documents: StoredDocument[];
  exact: { hi: number; lo: number; doc: number }[];
  bands: { band: number; key: number; doc: number }[];
  passages: { hash: number; doc: number }[];
}

const exactKey = (hi: number, lo: number) => `${hi}:${lo}`;

export class StagedIndex implements DedupLookup {
  readonly name = "dedup";
  readonly config: DedupConfig;
  readonly #store: DedupStore;
  readonly #k: number;
  readonly #minMatches: number;
  /** Documents in the store; this run's documents are numbered from here. */
  #stored: number;
  #lastStored: DocRef | null;
  // What the current batch reaches in the store.
  #requested = new Set<string>();
  #exact = new Map<string, number>();
  #bands: Map<number, number[]>[];
  #passages = new Map<number, number>();
  #documents = new Map<number, StoredDocument>();
  // What this run accepted.
  #pending: StoredDocument[] = [];
  #pendingExact = new Map<string, { hi: number; lo: number; doc: number }>();
  #pendingBands: Map<number, number[]>[];
  #pendingPassages = new Map<number, number>();
  readonly #query16: Uint16Array;

  /** `stored` documents are in the store, the last of them from `lastStored`. */
  constructor(config: Partial<DedupConfig>, store: DedupStore, stored: number, lastStored: DocRef | null) {
    this.config = resolveDedupConfig(config);
    this.#store = store;
    this.#k = this.config.bands * this.config.rows;
    this.#minMatches = Math.ceil(this.config.threshold * this.#k - 1e-9);
    this.#stored = stored;
    this.#lastStored = lastStored;
    this.#bands = Array.from({ length: this.config.bands }, () => new Map());
    this.#pendingBands = Array.from({ length: this.config.bands }, () => new Map());
    this.#query16 = new Uint16Array(this.#k);
  }

  get size(): number {
    return this.#stored + this.#pending.length;
  }

  /** Documents held in this process: this run's accepted ones plus those the current batch reached. */
  get held(): number {
    return this.#pending.length + this.#documents.size;
  }

  async prepare(fingerprints: Fingerprint[], queries: PassageQuery[]): Promise<void> {
    this.#requested = new Set();
    this.#exact = new Map();
    this.#bands = Array.from({ length: this.config.bands }, () => new Map());
    this.#passages = new Map();
    this.#documents = new Map();
    const exact: number[] = [];
    const bands = Array.from({ length: this.config.bands }, () => new Set<number>());
    const passages = new Set<number>();
    for (const fp of fingerprints) {
      validateFingerprint(fp, this.config);
      const key = exactKey(fp.exact[0] >>> 0, fp.exact[1] >>> 0);
      if (!this.#requested.has(key)) exact.push(fp.exact[0] >>> 0, fp.exact[1] >>> 0);
      this.#requested.add(key);
      if (fp.shingles !== 0) fp.bandKeys.forEach((k, t) => bands[t].add(k));
      for (const h of fp.passages) {
        if (h === NO_PASSAGE) break;
        passages.add(h);
      }
    }
    for (const q of queries) for (let i = 0; i < q.samples.length; i += 2) passages.add(q.samples[i]);
    if (this.#stored === 0) return;
    const rows = await this.#store.read({
      exact: Uint32Array.from(exact),
      bands: bands.map((s) => Uint32Array.from(s)),
      passages: Uint32Array.from(passages),
    });
    for (const r of rows.exact) this.#exact.set(exactKey(r.hi, r.lo), r.doc);
    for (const r of rows.bands) {
      const docs = this.#bands[r.band].get(r.key);
      if (docs) docs.push(r.doc);
      else this.#bands[r.band].set(r.key, [r.doc]);
    }
    for (const r of rows.passages) this.#passages.set(r.hash, r.doc);
    for (const d of rows.documents) this.#documents.set(d.doc, d);
  }

  check(fp: Fingerprint, submission: number): DedupMatch | null {
    validateFingerprint(fp, this.config);
    if (typeof submission !== "number") throw new DedupError("bad_ref", "dedup: check(fingerprint, submission) needs the submission number");
    const key = this.#prepared(fp);
    const exact = this.#exact.get(key) ?? this.#pendingExact.get(key)?.doc;
    if (exact !== undefined) return this.#match("exact", exact, submission);
    if (fp.shingles === 0) return null;
    const q = this.#query16;
    for (let i = 0; i < this.#k; i++) q[i] = fmix32(fp.signature[i]);
    let best = -1;
    let bestMatches = 0;
    for (let t = 0; t < this.config.bands; t++) {
      for (const docs of [this.#bands[t].get(fp.bandKeys[t]), this.#pendingBands[t].get(fp.bandKeys[t])]) {
        for (const d of docs ?? []) {
          if (best >= 0 && d >= best) continue;
          const m = this.#matches(this.#document(d).signature);
          if (m >= this.#minMatches) {
            best = d;
            bestMatches = m;
          }
        }
      }
    }
    if (best < 0) return null;
    return { ...this.#match("near", best, submission), jaccard: bestMatches / this.#k };
  }

  contain(query: PassageQuery): Containment & { refs: DocRef[] } {
    const find = (h: number) => this.#passages.get(h) ?? this.#pendingPassages.get(h) ?? -1;
    const c = containment(query, find, (d) => this.#document(d).horizon, this.config.passageMinShared, this.config.passageUnitShare);
    return { ...c, refs: c.sources.map((s) => this.#document(s.doc).ref) };
  }

  add(fp: Fingerprint, ref: DocRef): void {
    validateFingerprint(fp, this.config);
    const last = this.#pending.length > 0 ? this.#pending[this.#pending.length - 1].ref : this.#lastStored;
    checkNextRef(ref, last);
    checkRoom(this.size, this.config);
    const key = this.#prepared(fp);
    const doc = this.size;
    const signature = new Uint16Array(this.#k);
    for (let i = 0; i < this.#k; i++) signature[i] = fmix32(fp.signature[i]); // low 16 bits kept
    this.#pending.push({ doc, ref: { submission: ref.submission, document: ref.document }, signature, horizon: horizonOf(fp.passages) });
    for (const h of fp.passages) {
      if (h === NO_PASSAGE) break;
      if (!this.#passages.has(h) && !this.#pendingPassages.has(h)) this.#pendingPassages.set(h, doc);
    }
    if (!this.#exact.has(key) && !this.#pendingExact.has(key)) {
      this.#pendingExact.set(key, { hi: fp.exact[0] >>> 0, lo: fp.exact[1] >>> 0, doc });
    }
    if (fp.shingles === 0) return;
    for (let t = 0; t < this.config.bands; t++) {
      const k = fp.bandKeys[t];
      const pending = this.#pendingBands[t].get(k);
      const count = (this.#bands[t].get(k)?.length ?? 0) + (pending?.length ?? 0);
      if (count >= this.config.maxBucket) continue;
      if (pending) pending.push(doc);
      else this.#pendingBands[t].set(k, [doc]);
    }
  }

  /** The rows of the documents accepted since the last settle(), for the store. */
  pending(): PendingRows {
    const bands: PendingRows["bands"] = [];
    this.#pendingBands.forEach((keys, band) => {
      for (const [key, docs] of keys) for (const doc of docs) bands.push({ band, key, doc });
    });
    return {
      documents: this.#pending,
      exact: [...this.#pendingExact.values()],
      bands,
      passages: [...this.#pendingPassages].map(([hash, doc]) => ({ hash, doc })),
    };
  }

  /** The pending rows are in the store now (their transaction committed). */
  settle(): void {
    if (this.#pending.length > 0) this.#lastStored = this.#pending[this.#pending.length - 1].ref;
    this.#stored = this.size;
    this.discard();
  }

  /** Forgets what this run accepted (its commit did not happen). */
  discard(): void {
    this.#pending = [];
    this.#pendingExact = new Map();
    this.#pendingBands = Array.from({ length: this.config.bands }, () => new Map());
    this.#pendingPassages = new Map();
    this.#requested = new Set();
    this.#documents = new Map();
  }

  #prepared(fp: Fingerprint): string {
    const key = exactKey(fp.exact[0] >>> 0, fp.exact[1] >>> 0);
    if (!this.#requested.has(key)) {
      throw new DedupError("not_prepared", "dedup: this index reads its documents in batches: call prepare(fingerprints, queries) with the batch before checking or adding its documents");
    }
    return key;
  }

  #document(d: number): StoredDocument {
    const doc = d >= this.#stored ? this.#pending[d - this.#stored] : this.#documents.get(d);
    if (!doc) throw new DedupError("corrupt", `dedup: the store named document ${d} but did not return it; the stored index is damaged, rebuild it`);
    return doc;
  }

  #match(kind: "exact" | "near", d: number, submission: number): DedupMatch {
    const keptRef = this.#document(d).ref;
    return { kind, within: keptRef.submission === submission, keptRef };
  }

  /** Equal values between a stored signature and the query (stops once hopeless), as DedupIndex counts. */
  #matches(stored: Uint16Array): number {
    const q = this.#query16;
    const allowed = this.#k - this.#minMatches;
    let m = 0;
    let misses = 0;
    for (let i = 0; i < this.#k; i++) {
      if (stored[i] === q[i]) m++;
      else if (++misses > allowed) return m;
    }
    return m;
  }
}
