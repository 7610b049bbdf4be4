// Byte-pair merging with tiktoken's rule, counting the resulting tokens only.
//
// tiktoken's rule: start from single bytes; repeatedly merge the adjacent pair whose
// concatenation has the lowest rank, the leftmost one on ties; stop when no pair has a rank.
// A piece that is itself a token counts 1 without merging (tiktoken checks that first).
import type { Ranks } from "./ranks.ts";

/** Up to this many bytes, a plain scan per merge (cheap for short pieces); above, a heap. */
export const SCAN_LIMIT = 128;

const NONE = 0x7fffffff;

/** Reusable buffers; one per counter, grown on demand. */
export class MergeScratch {
  tok = new Int32Array(256);
  pair = new Int32Array(256);
  next = new Int32Array(256);
  heap = new Float64Array(heapCapacity(256));

  ensure(n: number): void {
    if (this.tok.length >= n) return;
    let size = this.tok.length;
    while (size < n) size *= 2;
    this.tok = new Int32Array(size);
    this.pair = new Int32Array(size);
    this.next = new Int32Array(size);
    this.heap = new Float64Array(heapCapacity(size));
  }
}

/** Number of tokens tiktoken emits for the UTF-8 bytes[0..n). */
export function countPieceBytes(
  ranks: Ranks,
  bytes: Uint8Array,
  n: number,
  scratch: MergeScratch,
  scanLimit: number = SCAN_LIMIT,
): number {
  if (n <= 1) return n;
  if (ranks.rankOf(bytes, 0, n) >= 0) return 1;
  if (n > scanLimit) return mergeByHeap(ranks, bytes, n, scratch);
  scratch.ensure(n);
  return mergeByScan(ranks, bytes, n, scratch);
}

function mergeByScan(ranks: Ranks, bytes: Uint8Array, n: number, s: MergeScratch): number {
  const tok = s.tok;
  const pair = s.pair; // pair[i]: rank of merging tok[i] with tok[i + 1], NONE if not a token
  const byteRank = ranks.byteRank;
  for (let i = 0; i < n; i++) tok[i] = byteRank[bytes[i]];
  for (let i = 0; i < n - 1; i++) {
    const r = ranks.pairRank(tok[i], tok[i + 1]);
    pair[i] = r < 0 ? NONE : r;
  }
  let m = n;
  while (m > 1) {
    let best = NONE;
    let at = -1;
    for (let i = 0; i < m - 1; i++) {
      if (pair[i] < best) {
        best = pair[i];
        at = i;
      }
    }
    if (at < 0) break;
    tok[at] = best;
    for (let i = at + 1; i < m - 1; i++) {
      tok[i] = tok[i + 1];
      pair[i] = pair[i + 1];
    }
    m--;
    if (at > 0) {
      const r = ranks.pairRank(tok[at - 1], tok[at]);
      pair[at - 1] = r < 0 ? NONE : r;
    }
    if (at < m - 1) {
      const r = ranks.pairRank(tok[at], tok[at + 1]);
      pair[at] = r < 0 ? NONE : r;
    }
  }
  return m;
}

// Heap entries are rank * 2^27 + position, so the smallest is the lowest rank, then the leftmost
// position: exactly tiktoken's choice. Positions are byte offsets of the left part, ranks < 2^18;
// the key stays an exact double.
const POS_BITS = 2 ** 27;

/** Longest piece merged (UTF-8 bytes); merging needs about 28 bytes of memory per byte. */
export const MAX_PIECE_BYTES = 16 * 1024 * 1024;

/** Pieces above this size get their own buffers, freed after the merge, not kept in the scratch. */
const KEEP_SCRATCH_BYTES = 1 << 20;

/** A piece longer than MAX_PIECE_BYTES: the text has a run no tokenizer pass should hold at once. */
export class PieceTooLongError extends Error {
  readonly bytes: number;
  constructor(bytes: number) {
    super(`a single run of ${bytes} bytes without a break between tokens (the longest counted is ${MAX_PIECE_BYTES})`);
    this.name = "PieceTooLongError";
    this.bytes = bytes;
  }
}

// Stale entries are dropped when the heap is full; live pairs never exceed n, so a capacity of
// 1.5 n leaves room for n / 2 pushes between two compactions.
function heapCapacity(n: number): number {
  return n + (n >> 1) + 16;
}

function mergeByHeap(ranks: Ranks, bytes: Uint8Array, n: number, s: MergeScratch): number {
  if (n > MAX_PIECE_BYTES) throw new PieceTooLongError(n);
  const own = n > KEEP_SCRATCH_BYTES;
  if (!own) s.ensure(n);
  const tok = own ? new Int32Array(n) : s.tok; // token of the part starting at i; -1 once merged away
  const pair = own ? new Int32Array(n) : s.pair; // rank of merging the part at i with the next part, NONE if none
  const next = own ? new Int32Array(n) : s.next; // start of the next part, n at the end
  const prev = new Int32Array(n);
  const capacity = heapCapacity(n);
  const heap = own ? new Float64Array(capacity) : s.heap;
  const byteRank = ranks.byteRank;
  let size = 0;

  const siftDown = (from: number, last: number): void => {
    let i = from;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && heap[c + 1] < heap[c]) c++;
      if (heap[c] >= last) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
  };
  const live = (key: number): boolean => {
    const rank = Math.floor(key / POS_BITS);
    const i = key - rank * POS_BITS;
    return tok[i] >= 0 && pair[i] === rank;
  };
  const compact = (): void => {
    let kept = 0;
    for (let k = 0; k < size; k++) if (live(heap[k])) heap[kept++] = heap[k];
    size = kept;
    for (let k = (size >> 1) - 1; k >= 0; k--) siftDown(k, heap[k]);
  };
  const push = (key: number): void => {
    if (size === capacity) compact();
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p] <= key) break;
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = key;
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap[--size];
    if (size > 0) siftDown(0, last);
    return top;
  };
  const rankAt = (i: number): number => {
    const j = next[i];
    if (j >= n) return NONE;
    const r = ranks.pairRank(tok[i], tok[j]);
    return r < 0 ? NONE : r;
  };

  for (let i = 0; i < n; i++) {
    tok[i] = byteRank[bytes[i]];
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  for (let i = 0; i < n - 1; i++) {
    pair[i] = rankAt(i);
    if (pair[i] !== NONE) push(pair[i] * POS_BITS + i);
  }
  pair[n - 1] = NONE;

  let parts = n;
  while (size > 0) {
    const key = pop();
    const rank = Math.floor(key / POS_BITS);
    const i = key - rank * POS_BITS;
    if (tok[i] < 0 || pair[i] !== rank) continue; // stale entry
    const j = next[i];
    tok[i] = rank;
    tok[j] = -1;
    next[i] = next[j];
    if (next[j] < n) prev[next[j]] = i;
    parts--;
    pair[i] = rankAt(i);
    if (pair[i] !== NONE) push(pair[i] * POS_BITS + i);
    const p = prev[i];
    if (p >= 0) {
      pair[p] = rankAt(p);
      if (pair[p] !== NONE) push(pair[p] * POS_BITS + p);
    }
  }
  return parts;
}
