// Integer hashing for the repetition statistics: a line, a paragraph, a word or an n-gram becomes
// a pair of independent 32-bit hashes (64 bits together), and sets and counters are open-addressing
// tables over those pairs. This avoids building one string per n-gram (datatrove joins words with
// " " and keys a Python set with the result).
//
// Equal inputs always get equal keys, so a statistic can only be overstated by a collision, never
// understated; at 64 bits the chance of any collision in a document of 100,000 words is about
// 1e-9. Collisions are deterministic, so every machine computes the same result.
import { fmix32 } from "../dedup/hash.ts";

/** Result registers of hashSpan (avoids allocating a pair per call). */
export let hashA = 0;
export let hashB = 0;

/** Hashes the UTF-16 code units text[start, end) into (hashA, hashB). */
export function hashSpan(text: string, start: number, end: number): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ (end - start);
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  hashA = fmix32(a);
  hashB = fmix32(b ^ 0x27d4eb2f);
}

/** Combines a running n-gram key (a, b) with the next word's key (x, y), order-sensitively. */
export function combineA(a: number, x: number): number {
  return fmix32(Math.imul(a, 0x9e3779b1) ^ x);
}
export function combineB(b: number, y: number): number {
  return fmix32((Math.imul(b ^ (b >>> 13), 0x85ebca77) + y) | 0);
}

/**
 * Open-addressing table from a 64-bit key (two u32 halves) to a count and its insertion order.
 * One instance is reused across documents (check() is synchronous), so steady state allocates
 * nothing.
 */
export class PairTable {
  private keysA = new Uint32Array(0);
  private keysB = new Uint32Array(0);
  private counts = new Int32Array(0);
  private orders = new Int32Array(0);
  /** Slot of each key, by insertion order. */
  private slots = new Int32Array(0);
  private mask = 0;
  private size = 0;
  /** After add(): the count of the key just added, and the order in which it was first seen. */
  count = 0;
  order = 0;

  /** Empties the table, sized for up to `expected` distinct keys. */
  reset(expected: number): void {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    if (cap > this.counts.length) {
      this.keysA = new Uint32Array(cap);
      this.keysB = new Uint32Array(cap);
      this.counts = new Int32Array(cap);
      this.orders = new Int32Array(cap);
      this.slots = new Int32Array(cap);
    } else {
      cap = this.counts.length;
      this.counts.fill(0);
    }
    this.mask = cap - 1;
    this.size = 0;
  }

  /** Counts one occurrence of (a, b); sets `count` and `order`. Returns true if the key is new. */
  add(a: number, b: number): boolean {
    let i = (a ^ Math.imul(b, 0x2545f491)) & this.mask;
    for (;;) {
      const c = this.counts[i];
      if (c === 0) {
        this.keysA[i] = a;
        this.keysB[i] = b;
        this.counts[i] = 1;
        this.slots[this.size] = i;
        this.orders[i] = this.size++;
        this.count = 1;
        this.order = this.orders[i];
        return true;
      }
      if (this.keysA[i] === a && this.keysB[i] === b) {
        this.count = this.counts[i] = c + 1;
        this.order = this.orders[i];
        return false;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** Current count of the key first inserted as number `order`. */
  countByOrder(order: number): number {
    return this.counts[this.slots[order]];
  }

  /** True if (a, b) is present; does not insert. */
  has(a: number, b: number): boolean {
    let i = (a ^ Math.imul(b, 0x2545f491)) & this.mask;
    for (;;) {
      if (this.counts[i] === 0) return false;
      if (this.keysA[i] === a && this.keysB[i] === b) return true;
      i = (i + 1) & this.mask;
    }
  }
}
