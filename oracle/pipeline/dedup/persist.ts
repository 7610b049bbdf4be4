// Saving and loading a DedupIndex (Node only; index.ts itself stays free of Node APIs).
//
// One file, <dir>/dedup-index.bin, little-endian:
//   header (64 bytes)
//     0  "1TTDEDUP"                 8  format version (u32)     12 header bytes = 64 (u32)
//     16 config hash, 16 hex ASCII  32 documents (u32)           36 bands (u32)   40 rows (u32)
//     44 table capacity (u32)       48 payload bytes (u32 low, u32 high)
//     56 CRC-32 of the payload      60 CRC-32 of header bytes 0..59
//   payload
//     records     documents x [submission, document, exactHi, exactLo]          u32
//     signatures  documents x bands*rows low 16 bits of each value, padded to 4   u16
//     tables      for the exact table and then each band: pair count (u32), then
//                 that many [key, doc + 1] pairs in slot order                    u32
// The file holds no derived layout: the tables' pairs are re-inserted on load. Writes go to a
// temporary file renamed into place, so a crash leaves the old index or the new one, never half.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { dedupConfigHash, DedupError, resolveDedupConfig, type DedupConfig } from "./config.ts";
import { capacityFor, DedupIndex } from "./index.ts";

export const INDEX_FILE = "dedup-index.bin";
export const FORMAT_VERSION = 1;
const MAGIC = "1TTDEDUP";
const HEADER = 64;

function littleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new DedupError("unsupported", "dedup: saved indexes are little-endian; this machine is not");
  }
}

function bytesOf(a: Uint32Array | Uint16Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Writes `index` to <dir>/dedup-index.bin (atomically); returns the file's path and size. */
export function saveIndex(index: DedupIndex, dir: string): { path: string; bytes: number } {
  littleEndian();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, INDEX_FILE);
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  let payload = 0;
  let crc = 0;
  let pos = HEADER;
  const put = (bytes: Uint8Array) => {
    if (bytes.length === 0) return; // zlib.crc32 of an empty view over an empty buffer returns 0
    crc = crc32(bytes, crc);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off, pos + off);
    pos += bytes.length;
    payload += bytes.length;
  };
  try {
    const { records, signatures } = index.documentSections();
    for (const r of records) put(bytesOf(r));
    let sigBytes = 0;
    for (const s of signatures) {
      put(bytesOf(s));
      sigBytes += s.byteLength;
    }
    if (sigBytes % 4) put(new Uint8Array(4 - (sigBytes % 4)));
    for (let t = -1; t < index.config.bands; t++) {
      const pairs = index.tableEntries(t);
      put(bytesOf(new Uint32Array([pairs.length / 2])));
      put(bytesOf(pairs));
    }
    const header = new Uint8Array(HEADER);
    const view = new DataView(header.buffer);
    header.set(new TextEncoder().encode(MAGIC), 0);
    view.setUint32(8, FORMAT_VERSION, true);
    view.setUint32(12, HEADER, true);
    header.set(new TextEncoder().encode(dedupConfigHash(index.config)), 16);
    view.setUint32(32, index.size, true);
    view.setUint32(36, index.config.bands, true);
    view.setUint32(40, index.config.rows, true);
    view.setUint32(44, index.stats().capacity, true);
    view.setUint32(48, payload % 2 ** 32, true);
    view.setUint32(52, Math.floor(payload / 2 ** 32), true);
    view.setUint32(56, crc, true);
    view.setUint32(60, crc32(header.subarray(0, 60)), true);
    writeSync(fd, header, 0, HEADER, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return { path, bytes: HEADER + payload };
}

function corrupt(path: string, what: string): DedupError {
  return new DedupError(
    "corrupt",
    `dedup index ${path} is corrupt (${what}); rebuild it by adding the accepted documents again in order`,
  );
}

/**
 * Reads <dir>/dedup-index.bin for `config`. Throws a DedupError with code "missing", "corrupt",
 * "version", "config_mismatch" or "capacity"; in every case the caller rebuilds the index from
 * the ordered accepted submissions.
 */
export function loadIndex(dir: string, config: Partial<DedupConfig> = {}): DedupIndex {
  littleEndian();
  const cfg = resolveDedupConfig(config);
  const path = join(dir, INDEX_FILE);
  if (!existsSync(path)) throw new DedupError("missing", `no dedup index at ${path}; build one by adding documents`);
  const file = readFileSync(path);
  if (file.length < HEADER) throw corrupt(path, `${file.length} bytes, shorter than the header`);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (new TextDecoder().decode(file.subarray(0, 8)) !== MAGIC) throw corrupt(path, "not a 1TT dedup index file");
  if (crc32(file.subarray(0, 60)) !== view.getUint32(60, true)) throw corrupt(path, "header checksum mismatch");
  const version = view.getUint32(8, true);
  if (version !== FORMAT_VERSION) {
    throw new DedupError(
      "version",
      `dedup index ${path} has format version ${version}; this code reads version ${FORMAT_VERSION}. Rebuild it.`,
    );
  }
  const savedHash = new TextDecoder().decode(file.subarray(16, 32));
  const hash = dedupConfigHash(cfg);
  if (savedHash !== hash) {
    throw new DedupError(
      "config_mismatch",
      `dedup index ${path} was built with config hash ${savedHash}, the current config hashes to ${hash} ` +
        `(ngram, bands, rows, seed, threshold, maxBucket, fingerprint version or the engine's Unicode data ` +
        `differ). Rebuild it from the accepted submissions.`,
    );
  }
  const count = view.getUint32(32, true);
  if (view.getUint32(36, true) !== cfg.bands || view.getUint32(40, true) !== cfg.rows) throw corrupt(path, "shape");
  if (count > cfg.maxDocuments) {
    throw new DedupError(
      "capacity",
      `dedup index ${path} holds ${count} documents, more than maxDocuments = ${cfg.maxDocuments}; raise maxDocuments`,
    );
  }
  if (view.getUint32(44, true) !== capacityFor(count)) throw corrupt(path, "table capacity");
  const payload = view.getUint32(48, true) + view.getUint32(52, true) * 2 ** 32;
  if (file.length !== HEADER + payload) throw corrupt(path, `${file.length - HEADER} payload bytes, expected ${payload}`);
  if (crc32(file.subarray(HEADER)) !== view.getUint32(56, true)) throw corrupt(path, "payload checksum mismatch");

  // Aligned views where possible (readFileSync of a large file starts its own buffer).
  const u32 = (off: number, n: number): Uint32Array =>
    (file.byteOffset + off) % 4 === 0
      ? new Uint32Array(file.buffer, file.byteOffset + off, n)
      : new Uint32Array(new Uint8Array(file.subarray(off, off + 4 * n)).buffer);
  const u16 = (off: number, n: number): Uint16Array =>
    (file.byteOffset + off) % 2 === 0
      ? new Uint16Array(file.buffer, file.byteOffset + off, n)
      : new Uint16Array(new Uint8Array(file.subarray(off, off + 2 * n)).buffer);

  const index = new DedupIndex(cfg);
  const k = cfg.bands * cfg.rows;
  const recordsAt = HEADER;
  const sigsAt = recordsAt + 16 * count;
  let at = sigsAt + 2 * k * count;
  at += (4 - (at % 4)) % 4;
  if (at > file.length) throw corrupt(path, "sections overrun the file");
  const PAGE = 1 << 14;
  for (let first = 0; first < count; first += PAGE) {
    const n = Math.min(PAGE, count - first);
    index.appendPage(u32(recordsAt + 16 * first, 4 * n), u16(sigsAt + 2 * k * first, k * n));
  }
  const tables: Uint32Array[] = [];
  for (let t = -1; t < cfg.bands; t++) {
    if (at + 4 > file.length) throw corrupt(path, "tables overrun the file");
    const pairs = view.getUint32(at, true);
    if (pairs > count || at + 4 + 8 * pairs > file.length) throw corrupt(path, `table ${t} size`);
    const entries = u32(at + 4, 2 * pairs);
    for (let i = 1; i < entries.length; i += 2) {
      if (entries[i] === 0 || entries[i] > count) throw corrupt(path, `table ${t} refers to a missing document`);
    }
    tables.push(entries);
    at += 4 + 8 * pairs;
  }
  if (at !== file.length) throw corrupt(path, "trailing bytes");
  index.setTables(tables);
  return index;
}
