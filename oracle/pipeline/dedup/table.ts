// The open-addressing tables the dedup state is made of: [key, doc + 1] uint32 pairs, linear
// probing, Robin Hood ordering, a power-of-two capacity kept at most 3/4 full.

export const MIN_CAPACITY = 1024;

/** Slots per table for n documents: the smallest power of two >= 1024 with n <= 3/4 of it. */
export function capacityFor(n: number): number {
  let c = MIN_CAPACITY;
  while (n > c - (c >>> 2)) c *= 2;
  return c;
}

/**
 * Robin Hood insertion of [key, doc1] (doc1 = doc + 1) into a linear-probing table: along the run,
 * an entry further from its home slot keeps its place, and so does one as far but of an earlier
 * document; the other moves one slot on. Entries thus stay sorted by (home slot, document) within
 * a run, so a table's layout depends only on which entries it holds, never on the order they came
 * in: a table grown, loaded or built in one go is the same bytes. Like any linear-probing layout,
 * every entry lies between its home slot and the next empty slot, which is all lookups rely on.
 */
export function place(table: Uint32Array, mask: number, key: number, doc1: number): void {
  let dist = 0;
  for (let s = key & mask; ; s = (s + 1) & mask, dist++) {
    const occupant = table[2 * s + 1];
    if (occupant === 0) {
      table[2 * s] = key;
      table[2 * s + 1] = doc1;
      return;
    }
    const okey = table[2 * s];
    const odist = (s - (okey & mask)) & mask;
    if (odist < dist || (odist === dist && occupant > doc1)) {
      table[2 * s] = key;
      table[2 * s + 1] = doc1;
      key = okey;
      doc1 = occupant;
      dist = odist;
    }
  }
}

/**
 * A table of `capacity` slots holding the [key, doc + 1] pairs of `pairs` (empty pairs skipped).
 * The result does not depend on the order of the pairs; fed a table in slot order, its writes are
 * nearly sequential (how the index doubles its tables).
 */
export function buildTable(pairs: Uint32Array, capacity: number): Uint32Array {
  const table = new Uint32Array(2 * capacity);
  const mask = capacity - 1;
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i + 1] !== 0) place(table, mask, pairs[i], pairs[i + 1]);
  return table;
}

