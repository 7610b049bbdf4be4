// Small non-cryptographic hashes in plain 32-bit integer arithmetic (Math.imul, shifts), so every
// engine on every machine computes the same bits. Strings are hashed as UTF-16 code units: that is
// what a JavaScript string is everywhere, and it saves a UTF-8 encoding pass.
//
// The step and finalizer follow the published MurmurHash3 (x86_32) and xxHash32 designs and
// constants; the code is ours. Neither is collision resistant against an adversary (see README).

const M1 = 0xcc9e2d51;
const M2 = 0x1b873593;
const P1 = 0x9e3779b1;
const P2 = 0x85ebca77;

/** MurmurHash3's finalizer: a bijection on 32 bits with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One MurmurHash3 body step: folds the 32-bit word `k` into the state `h`. */
export function murmurStep(h: number, k: number): number {
  k = Math.imul(k, M1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, M2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** One xxHash32 round: a second, structurally different lane for 64-bit hashes. */
function xxRound(acc: number, k: number): number {
  acc = (acc + Math.imul(k, P2)) | 0;
  acc = (acc << 13) | (acc >>> 19);
  return Math.imul(acc, P1);
}

/**
 * A 64-bit hash of a string's UTF-16 code units, returned as [high, low] uint32.
 * Two independent lanes (a MurmurHash3 lane and an xxHash32 lane, different seeds) read the
 * same 32-bit words (two code units each); each lane is finalized with the length.
 */
export function hash64(text: string, seed = 0): [number, number] {
  let a = (seed ^ 0x5f3759df) | 0;
  let b = (seed + P1) | 0;
  const n = text.length;
  const pairs = n & ~1;
  let i = 0;
  for (; i < pairs; i += 2) {
    const k = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    a = murmurStep(a, k);
    b = xxRound(b, k);
  }
  if (i < n) {
    const k = text.charCodeAt(i) | 0x10000; // the odd tail unit, tagged so "x" != "x\0"
    a = murmurStep(a, k);
    b = xxRound(b, k);
  }
  const hi = fmix32(a ^ n);
  const lo = fmix32(b ^ Math.imul(n, P2));
  return [hi, lo];
}

/** The 64-bit hash as 16 lowercase hex digits (for reports and config hashes). */
export function hash64Hex(text: string, seed = 0): string {
  const [hi, lo] = hash64(text, seed);
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

/** splitmix32-style generator: fixed, documented seeds for the MinHash permutations. */
export function seededUint32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + P1) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}
