// Fingerprints packed into one Uint32Array, one fixed-width row per document: how the workers send
// them to the runner (one transferable buffer per batch) and how the dedup state stores them.
// Row layout: [exactHi, exactLo, shingles, ...signature, ...bandKeys, ...passages].
import type { DedupConfig } from "./config.ts";
import type { Fingerprint } from "./fingerprint.ts";

/** Words per packed fingerprint row. */
export function fingerprintWords(dedup: DedupConfig): number {
  return 3 + dedup.bands * dedup.rows + dedup.bands + dedup.passageSlots;
}

/** Writes `fp` as row `row` of `packed`. */
export function packFingerprint(packed: Uint32Array, row: number, fp: Fingerprint, dedup: DedupConfig): void {
  const at = row * fingerprintWords(dedup);
  packed[at] = fp.exact[0];
  packed[at + 1] = fp.exact[1];
  packed[at + 2] = fp.shingles;
  packed.set(fp.signature, at + 3);
  packed.set(fp.bandKeys, at + 3 + fp.signature.length);
  packed.set(fp.passages, at + 3 + fp.signature.length + fp.bandKeys.length);
}

/** Row `i` of a packed array as views into it (no copy). */
export function unpackFingerprint(packed: Uint32Array, i: number, dedup: DedupConfig): Fingerprint {
  const k = dedup.bands * dedup.rows;
  const at = i * fingerprintWords(dedup);
  return {
    exact: [packed[at], packed[at + 1]],
    shingles: packed[at + 2],
    signature: packed.subarray(at + 3, at + 3 + k),
    bandKeys: packed.subarray(at + 3 + k, at + 3 + k + dedup.bands),
    passages: packed.subarray(at + 3 + k + dedup.bands, at + 3 + k + dedup.bands + dedup.passageSlots),
  };
}

/** The given rows of a packed array, in the given order, as a new packed array. */
export function selectRows(packed: Uint32Array, rows: readonly number[], dedup: DedupConfig): Uint32Array {
  const width = fingerprintWords(dedup);
  const out = new Uint32Array(rows.length * width);
  rows.forEach((row, j) => out.set(packed.subarray(row * width, (row + 1) * width), j * width));
  return out;
}

/** Packed arrays joined end to end. */
export function concatRows(parts: readonly Uint32Array[]): Uint32Array {
  const all = new Uint32Array(parts.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of parts) {
    all.set(a, at);
    at += a.length;
  }
  return all;
}
