// Saving and loading a DedupIndex (Node only; index.ts itself stays free of Node APIs).
//
// One file, <dir>/dedup-index.bin, little-endian: the index's memory image, so that loading is
// reading. Robin Hood ordering (index.ts) makes every table's bytes a function of its entries, so
// the file is a pure function of the accepted documents in order: two oracles that accepted the
// same documents write the same bytes.
//   header (64 bytes)
//     0  "1TTDEDUP"                 8  format version (u32)     12 header bytes = 64 (u32)
//     16 config hash, 16 hex ASCII  32 documents (u32)           36 bands (u32)   40 rows (u32)
//     44 table capacity (u32)       48 payload bytes (u32 low, u32 high)
//     56 CRC-32 of the payload      60 CRC-32 of header bytes 0..59
//   payload
//     records     documents x [submission, document, exactHi, exactLo]          u32
//     signatures  documents x bands*rows, fmix32(value) & 0xffff, padded to 4     u16
//     tables      the exact table, then one per band: capacity x [key, doc + 1]  u32
//     horizons    documents x the largest passage hash judged against it          u32
//     passages    the passage table: its own capacity x [hash, doc + 1]           u32
// Writes go to a temporary file renamed into place: a crash leaves the old index or the new one.
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { dedupConfigHash, DedupError, resolveDedupConfig, type DedupConfig } from "./config.ts";
import { capacityFor, DedupIndex } from "./index.ts";

export const INDEX_FILE = "dedup-index.bin";
export const FORMAT_VERSION = 2;
const MAGIC = "1TTDEDUP";
const HEADER = 64;
/** Read and write in pieces of at most this many bytes (fs calls take at most 2 GiB). */
const IO_CHUNK = 1 << 26;

function littleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new DedupError("unsupported", "dedup: saved indexes are little-endian; this machine is not");
  }
}

function bytesOf(a: Uint32Array | Uint16Array | Uint8Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

const sigBytes = (count: number, k: number) => (2 * count * k + 3) & ~3;

/** Writes `index` to <dir>/dedup-index.bin (atomically); returns the file's path and size. */
export function saveIndex(index: DedupIndex, dir: string): { path: string; bytes: number } {
  littleEndian();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, INDEX_FILE);
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  let payload = 0;
  let crc = 0;
  const put = (bytes: Uint8Array) => {
    if (bytes.length === 0) return; // zlib.crc32 of an empty view over an empty buffer returns 0
    crc = crc32(bytes, crc);
    for (let off = 0; off < bytes.length; ) {
      off += writeSync(fd, bytes, off, Math.min(IO_CHUNK, bytes.length - off), HEADER + payload + off);
    }
    payload += bytes.length;
  };
  try {
    const { records, signatures } = index.documentSections();
    for (const r of records) put(bytesOf(r));
    let sig = 0;
    for (const s of signatures) {
      put(bytesOf(s));
      sig += s.byteLength;
    }
    if (sig % 4) put(new Uint8Array(4 - (sig % 4)));
    for (const t of index.tables()) put(bytesOf(t));
    const passages = index.passageSections();
    for (const h of passages.horizons) put(bytesOf(h));
    put(bytesOf(passages.table));
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
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    let pos = 0;
    /** Fills `into` with the next bytes of the file. */
    const read = (into: Uint8Array, what: string) => {
      for (let off = 0; off < into.length; ) {
        const n = readSync(fd, into, off, Math.min(IO_CHUNK, into.length - off), pos + off);
        if (n === 0) throw corrupt(path, `file ends inside the ${what}`);
        off += n;
      }
      pos += into.length;
    };
    if (size < HEADER) throw corrupt(path, `${size} bytes, shorter than the header`);
    const header = new Uint8Array(HEADER);
    read(header, "header");
    const view = new DataView(header.buffer);
    if (new TextDecoder().decode(header.subarray(0, 8)) !== MAGIC) throw corrupt(path, "not a 1TT dedup index file");
    if (crc32(header.subarray(0, 60)) !== view.getUint32(60, true)) throw corrupt(path, "header checksum mismatch");
    const version = view.getUint32(8, true);
    if (version !== FORMAT_VERSION) {
      throw new DedupError(
        "version",
        `dedup index ${path} has format version ${version}; this code reads version ${FORMAT_VERSION}. Rebuild it.`,
      );
    }
    const savedHash = new TextDecoder().decode(header.subarray(16, 32));
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
    const capacity = capacityFor(count);
    if (view.getUint32(44, true) !== capacity) throw corrupt(path, "table capacity");
    const k = cfg.bands * cfg.rows;
    const payload = view.getUint32(48, true) + view.getUint32(52, true) * 2 ** 32;
    const fixed = 16 * count + sigBytes(count, k) + (cfg.bands + 1) * 8 * capacity + 4 * count;
    const passageCapacity = (payload - fixed) / 8;
    if (size !== HEADER + payload || !(passageCapacity >= 1024) || (passageCapacity & (passageCapacity - 1)) !== 0) {
      throw corrupt(path, `${size - HEADER} payload bytes, expected ${fixed} and a passage table`);
    }

    // Each section is read straight into the typed array the index then uses.
    const records = new Uint32Array(4 * count);
    const sigBuffer = new Uint8Array(sigBytes(count, k));
    const tables = Array.from({ length: cfg.bands + 1 }, () => new Uint32Array(2 * capacity));
    const horizons = new Uint32Array(count);
    const passageTable = new Uint32Array(2 * passageCapacity);
    let crc = 0;
    const sections = [
      [bytesOf(records), "records"],
      [sigBuffer, "signatures"],
      ...tables.map((t, i) => [bytesOf(t), `table ${i}`] as const),
      [bytesOf(horizons), "passage horizons"],
      [bytesOf(passageTable), "passage table"],
    ] as const;
    for (const [part, what] of sections) {
      read(part, what);
      if (part.length) crc = crc32(part, crc);
    }
    if (crc !== view.getUint32(56, true)) throw corrupt(path, "payload checksum mismatch");
    for (let i = 1; i < records.length / 4; i++) {
      const a = 4 * (i - 1);
      const b = 4 * i;
      if (records[b] < records[a] || (records[b] === records[a] && records[b + 1] <= records[a + 1])) {
        throw corrupt(path, `document ${i} is out of order`);
      }
    }
    for (const t of [...tables, passageTable]) {
      for (let s = 1; s < t.length; s += 2) if (t[s] > count) throw corrupt(path, "a table refers to a missing document");
    }
    const index = new DedupIndex(cfg);
    index.restore(count, records, new Uint16Array(sigBuffer.buffer, 0, count * k), tables, { horizons, table: passageTable });
    return index;
  } finally {
    closeSync(fd);
  }
}
