// Rank data for byte-level BPE, read once per process (or worker) from the `tiktoken` npm
// package's own encoder files, so the counter and the reference share one source of truth.
//
// The files hold { pat_str, special_tokens, bpe_ranks }. `bpe_ranks` is tiktoken's compact
// form: lines "! <first rank> <base64 token> <base64 token> …", ranks consecutive per line.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { threadId } from "node:worker_threads";
import { crc32 } from "node:zlib";

export type EncodingName = "o200k_base" | "cl100k_base";

export const ENCODINGS: readonly EncodingName[] = ["o200k_base", "cl100k_base"];

/** The npm package the ranks come from; its exact version is part of the pipeline id. */
export const RANKS_PACKAGE = "tiktoken";

/** Token bytes, byte→rank and (token, token)→merged-rank lookups, all over typed arrays. */
export interface Ranks {
  readonly encoding: EncodingName;
  /** The regex source tiktoken uses for this encoding (checked against our translation). */
  readonly patStr: string;
  /** Version of the package the ranks were read from. */
  readonly version: string;
  /** Number of mergeable tokens. */
  readonly size: number;
  /** Rank of each single byte (every byte is a token in these encodings). */
  readonly byteRank: Int32Array;
  /** Rank of a whole byte string, or -1: tiktoken's "is this piece one token" shortcut. */
  rankOf(bytes: Uint8Array, start: number, end: number): number;
  /** Rank of the token whose bytes are bytes(a) ++ bytes(b), or -1. */
  pairRank(a: number, b: number): number;
  /** Milliseconds spent reading and indexing. */
  readonly loadMs: number;
}

const require = createRequire(import.meta.url);

function packageVersion(): string {
  // tiktoken's `exports` map does not expose package.json; read it next to a file it does expose.
  const entry = require.resolve("tiktoken/encoders/o200k_base.json");
  const pkg = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8"));
  return String(pkg.version);
}

const B64 = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  B64["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;
}

/** FNV-1a over a byte range. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}

function tableSize(entries: number): number {
  let size = 1024;
  while (size < entries * 2.5) size *= 2;
  return size;
}

interface Decoded {
  bytes: Uint8Array;
  /** offsets[r]..offsets[r+1] are the bytes of rank r. */
  offsets: Uint32Array;
}

/** Decodes the compact rank list into one byte array. Ranks must be dense from 0. */
function decodeRanks(compact: string): Decoded {
  const lines = compact.split("\n").filter((l) => l.length > 0);
  const tokens: string[][] = [];
  let expected = 0;
  for (const line of lines) {
    const parts = line.split(" ");
    if (parts[0] !== "!") throw new Error("tokenize: unexpected rank file format (no '!' line marker)");
    const first = Number(parts[1]);
    if (first !== expected) throw new Error(`tokenize: rank gap at ${expected} (line starts at ${first})`);
    const list = parts.slice(2);
    tokens.push(list);
    expected += list.length;
  }
  const offsets = new Uint32Array(expected + 1);
  let total = 0;
  let r = 0;
  for (const list of tokens) {
    for (const b64 of list) {
      const pad = b64.endsWith("==") ? 2 : b64.endsWith("=") ? 1 : 0;
      total += (b64.length / 4) * 3 - pad;
      offsets[++r] = total;
    }
  }
  const bytes = new Uint8Array(total);
  let out = 0;
  for (const list of tokens) {
    for (const b64 of list) {
      let acc = 0;
      let bits = 0;
      for (let i = 0; i < b64.length; i++) {
        const c = b64.charCodeAt(i);
        if (c === 61) break; // '='
        const v = B64[c];
        if (v < 0) throw new Error(`tokenize: bad base64 in rank file: ${b64}`);
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          bytes[out++] = (acc >>> bits) & 0xff;
        }
      }
    }
  }
  return { bytes, offsets };
}

/** The lookup tables, all typed arrays: what is built from a rank file and cached on disk. */
interface Tables {
  bytes: Uint8Array;
  offsets: Uint32Array;
  /** bytes -> rank, open addressing; a slot holds rank + 1 (0 = empty). */
  tokSlots: Int32Array;
  byteRank: Int32Array;
  /** (a, b) -> rank of bytes(a) ++ bytes(b); open addressing, pairKeyA -1 = empty. */
  pairKeyA: Int32Array;
  pairKeyB: Int32Array;
  pairVal: Int32Array;
}

const TABLE_NAMES = ["bytes", "offsets", "tokSlots", "byteRank", "pairKeyA", "pairKeyB", "pairVal"] as const;
/** Bump when buildTables changes what it computes: older cache files are then ignored. */
const TABLES_FORMAT = 1;

function rankLookup(t: Pick<Tables, "bytes" | "offsets" | "tokSlots">) {
  const { bytes, offsets, tokSlots } = t;
  const tokMask = tokSlots.length - 1;
  return (src: Uint8Array, start: number, end: number): number => {
    const len = end - start;
    let s = hashBytes(src, start, end) & tokMask;
    for (;;) {
      const v = tokSlots[s];
      if (v === 0) return -1;
      const r = v - 1;
      const o = offsets[r];
      if (offsets[r + 1] - o === len) {
        let i = 0;
        while (i < len && bytes[o + i] === src[start + i]) i++;
        if (i === len) return r;
      }
      s = (s + 1) & tokMask;
    }
  };
}

function buildTables(encoding: EncodingName, bpeRanks: string): Tables {
  const { bytes, offsets } = decodeRanks(bpeRanks);
  const size = offsets.length - 1;
  const tokMask = tableSize(size) - 1;
  const tokSlots = new Int32Array(tokMask + 1);
  for (let r = 0; r < size; r++) {
    let s = hashBytes(bytes, offsets[r], offsets[r + 1]) & tokMask;
    while (tokSlots[s] !== 0) s = (s + 1) & tokMask;
    tokSlots[s] = r + 1;
  }
  const rankOf = rankLookup({ bytes, offsets, tokSlots });

  const byteRank = new Int32Array(256);
  const one = new Uint8Array(1);
  for (let b = 0; b < 256; b++) {
    one[0] = b;
    byteRank[b] = rankOf(one, 0, 1);
    if (byteRank[b] < 0) throw new Error(`tokenize: byte ${b} has no rank in ${encoding}`);
  }

  // (a, b) -> rank of bytes(a) ++ bytes(b), for every split of every token into two tokens.
  // tiktoken ranks a pair by its concatenated bytes, so this table answers the same question
  // with integer keys.
  const pairA: number[] = [];
  const pairB: number[] = [];
  const pairR: number[] = [];
  for (let r = 0; r < size; r++) {
    const o = offsets[r];
    const end = offsets[r + 1];
    for (let k = o + 1; k < end; k++) {
      const a = rankOf(bytes, o, k);
      if (a < 0) continue;
      const b = rankOf(bytes, k, end);
      if (b < 0) continue;
      pairA.push(a);
      pairB.push(b);
      pairR.push(r);
    }
  }
  const pairMask = tableSize(pairR.length) - 1;
  const pairKeyA = new Int32Array(pairMask + 1).fill(-1);
  const pairKeyB = new Int32Array(pairMask + 1);
  const pairVal = new Int32Array(pairMask + 1);
  for (let i = 0; i < pairR.length; i++) {
    let s = hashPair(pairA[i], pairB[i]) & pairMask;
    while (pairKeyA[s] !== -1) s = (s + 1) & pairMask;
    pairKeyA[s] = pairA[i];
    pairKeyB[s] = pairB[i];
    pairVal[s] = pairR[i];
  }
  return { bytes, offsets, tokSlots, byteRank, pairKeyA, pairKeyB, pairVal };
}

// Building the pair table takes about a second per thread; the tables are a pure function of the
// rank file, so they are cached under node_modules/.cache, keyed by the rank file's sha256 and
// TABLES_FORMAT, with a CRC-32 over the payload. A missing, stale or damaged cache is rebuilt.
function cachePath(encoding: EncodingName): string {
  const encoders = dirname(require.resolve(`tiktoken/encoders/${encoding}.json`));
  return join(encoders, "..", "..", ".cache", "1tt-tokenize", `${encoding}.tables`);
}

function readCache(path: string, key: string): Tables | null {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return null;
  }
  try {
    const headerLength = file.readUInt32LE(0);
    const header = JSON.parse(file.subarray(4, 4 + headerLength).toString("utf8")) as { key: string; crc: number; lengths: number[] };
    if (header.key !== key || header.lengths.length !== TABLE_NAMES.length) return null;
    const payload = file.subarray(4 + headerLength);
    if (crc32(payload) !== header.crc) return null;
    // Copy into an aligned buffer so typed-array views need no byte offset checks.
    const aligned = new Uint8Array(payload.length);
    aligned.set(payload);
    const out: Partial<Record<(typeof TABLE_NAMES)[number], unknown>> = {};
    let at = 0;
    TABLE_NAMES.forEach((name, i) => {
      const n = header.lengths[i];
      if (name === "bytes") out[name] = aligned.subarray(at, at + n);
      else if (name === "offsets") out[name] = new Uint32Array(aligned.buffer, at, n / 4);
      else out[name] = new Int32Array(aligned.buffer, at, n / 4);
      at += n + ((4 - (n % 4)) % 4);
    });
    return at === payload.length ? (out as Tables) : null;
  } catch {
    return null;
  }
}

function writeCache(path: string, key: string, t: Tables): void {
  const parts: Uint8Array[] = [];
  const lengths: number[] = [];
  for (const name of TABLE_NAMES) {
    const a = t[name];
    const view = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    parts.push(view, new Uint8Array((4 - (view.length % 4)) % 4));
    lengths.push(view.length);
  }
  const payload = Buffer.concat(parts);
  const header = Buffer.from(JSON.stringify({ key, crc: crc32(payload), lengths }));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(header.length, 0);
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${threadId}.tmp`;
    writeFileSync(tmp, Buffer.concat([head, header, payload]));
    renameSync(tmp, path);
  } catch {
    // A read-only install still works; it only builds the tables on every start.
  }
}

function buildRanks(encoding: EncodingName): Ranks {
  const t0 = performance.now();
  const file = require.resolve(`tiktoken/encoders/${encoding}.json`);
  const text = readFileSync(file, "utf8");
  const key = `${TABLES_FORMAT}:${createHash("sha256").update(text).digest("hex")}`;
  const json = JSON.parse(text) as { pat_str: string; bpe_ranks: string };
  const path = cachePath(encoding);
  let tables = readCache(path, key);
  if (!tables) {
    tables = buildTables(encoding, json.bpe_ranks);
    writeCache(path, key, tables);
  }
  const { pairKeyA, pairKeyB, pairVal } = tables;
  const pairMask = pairKeyA.length - 1;
  const pairRank = (a: number, b: number): number => {
    let s = hashPair(a, b) & pairMask;
    for (;;) {
      const ka = pairKeyA[s];
      if (ka === -1) return -1;
      if (ka === a && pairKeyB[s] === b) return pairVal[s];
      s = (s + 1) & pairMask;
    }
  };

  return {
    encoding,
    patStr: json.pat_str,
    version: packageVersion(),
    size: tables.offsets.length - 1,
    byteRank: tables.byteRank,
    rankOf: rankLookup(tables),
    pairRank,
    loadMs: performance.now() - t0,
  };
}

const loaded = new Map<EncodingName, Ranks>();

/** The ranks of an encoding, built on first use and shared by every counter in this thread. */
export function loadRanks(encoding: EncodingName): Ranks {
  if (!ENCODINGS.includes(encoding)) throw new Error(`tokenize: unknown encoding "${encoding}"`);
  let ranks = loaded.get(encoding);
  if (!ranks) {
    ranks = buildRanks(encoding);
    loaded.set(encoding, ranks);
  }
  return ranks;
}
