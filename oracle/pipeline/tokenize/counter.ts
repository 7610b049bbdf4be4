// The pipeline's token counter: the number of tokens tiktoken's ordinary encoding gives a text.
//
// Reference: tiktoken (npm, WASM) `get_encoding(name).encode_ordinary(text).length`, which equals
// `encode(text, [], [])`: special tokens such as "<|endoftext|>" are plain text, never a
// special token and never an error. Contributors' text is data, not a prompt.
//
// Hot path: an ASCII scanner finds the piece (the code point scanner of scan.ts only where
// non-ASCII characters could matter), then one Map lookup from piece to its token count. Only pieces not in the Map
// (a few percent of English text) are UTF-8 encoded and merged.
import { countPieceBytes, MAX_PIECE_BYTES, MergeScratch, PieceTooLongError } from "./bpe.ts";

export { MAX_PIECE_BYTES, PieceTooLongError } from "./bpe.ts";
import { asciiPieceEnd, TIKTOKEN_PATTERNS } from "./pretokenize.ts";
import { PieceScanner } from "./scan.ts";
import { loadRanks, RANKS_PACKAGE, type EncodingName, type Ranks } from "./ranks.ts";

export type { EncodingName } from "./ranks.ts";

export interface TokenCounterOptions {
  /** Pieces remembered with their count; the cache is emptied when full. Default 65536. */
  cacheEntries?: number;
}

export interface CacheStats {
  hits: number;
  misses: number;
}

export interface TokenCounter {
  readonly encoding: EncodingName;
  /** The package the rank data comes from and its exact version (part of the pipeline id). */
  readonly library: { readonly name: string; readonly version: string };
  /**
   * Tokens of `text` under tiktoken's ordinary encoding. Lone surrogates count as U+FFFD.
   * Throws PieceTooLongError for a text holding a single piece over MAX_PIECE_BYTES.
   */
  count(text: string): number;
  /** Cache hits and misses since creation (pieces, not texts). */
  stats(): CacheStats;
}

export const DEFAULT_CACHE_ENTRIES = 65536;

/** Longer pieces are rare and would keep their whole document alive as the key of a slice. */
const CACHED_PIECE_UNITS = 256;
/** The UTF-8 buffer is kept for reuse up to this size; longer pieces get a buffer of their own. */
const KEEP_BUFFER_BYTES = 1 << 20;

/** Makes a counter; the ranks are read once per thread and shared by all its counters. */
export function createTokenCounter(encoding: EncodingName, options: TokenCounterOptions = {}): TokenCounter {
  const cacheEntries = options.cacheEntries ?? DEFAULT_CACHE_ENTRIES;
  if (!Number.isInteger(cacheEntries) || cacheEntries < 0) {
    throw new Error(`tokenize: cacheEntries must be a non-negative integer, got ${cacheEntries}`);
  }
  const ranks = loadRanks(encoding);
  if (ranks.patStr !== TIKTOKEN_PATTERNS[encoding]) {
    throw new Error(`tokenize: ${RANKS_PACKAGE} ${ranks.version} changed the ${encoding} pattern; review pretokenize.ts`);
  }
  const o200k = encoding === "o200k_base";
  let scanner: PieceScanner | null = null; // built on first non-ASCII need
  const cache = new Map<string, number>();
  const scratch = new MergeScratch();
  let utf8 = new Uint8Array(1024);
  let hits = 0;
  let misses = 0;

  const countPiece = (piece: string): number => {
    // Refuse before encoding megabytes for nothing.
    if (piece.length * 3 > MAX_PIECE_BYTES) {
      const bytes = Buffer.byteLength(piece, "utf8");
      if (bytes > MAX_PIECE_BYTES) throw new PieceTooLongError(bytes);
    }
    const big = piece.length * 3 > KEEP_BUFFER_BYTES;
    const into = big ? new Uint8Array(piece.length * 3) : utf8.length >= piece.length * 3 ? utf8 : (utf8 = new Uint8Array(piece.length * 3));
    const n = encodeUtf8(piece, into);
    return countPieceBytes(ranks, into, n, scratch);
  };

  const count = (input: string): number => {
    // tiktoken's binding hands Rust a UTF-8 copy in which lone surrogates became U+FFFD.
    const text = input.isWellFormed() ? input : input.toWellFormed();
    const len = text.length;
    let total = 0;
    let start = 0;
    let h = 0;
    while (start < len) {
      let end = asciiPieceEnd(text, start, len, o200k);
      if (end < 0) {
        scanner ??= new PieceScanner(o200k);
        end = scanner.end(text, start);
        if (end <= start) throw new Error(`tokenize: no piece matches at offset ${start}`);
      }
      const piece = text.slice(start, end);
      start = end;
      const known = cache.get(piece);
      if (known !== undefined) {
        total += known;
        h++;
        continue;
      }
      const c = countPiece(piece);
      misses++;
      if (cache.size >= cacheEntries) cache.clear();
      if (cacheEntries > 0 && piece.length <= CACHED_PIECE_UNITS) cache.set(piece, c);
      total += c;
    }
    hits += h;
    return total;
  };

  return {
    encoding,
    library: { name: RANKS_PACKAGE, version: ranks.version },
    count,
    stats: () => ({ hits, misses }),
  };
}

/** Writes the UTF-8 bytes of a well-formed string; returns the length. `out` holds 3 per unit. */
function encodeUtf8(s: string, out: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c < 0xdc00) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 63);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    } else {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return n;
}

/** The ranks behind an encoding (load time, size), for benchmarks and diagnostics. */
export function ranksInfo(encoding: EncodingName): Pick<Ranks, "size" | "loadMs" | "version"> {
  const { size, loadMs, version } = loadRanks(encoding);
  return { size, loadMs, version };
}
