// The 1TT encrypted stream format, version 1 (README.md, "Encrypted stream"): the header, the
// frame markers, the nonce of each chunk and the keys derived from the data key. Encryption and
// decryption both take every constant from here.
import { hkdf } from "@noble/hashes/hkdf.js";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { randomBytes, utf8, type RandomSource } from "./bytes.ts";

/** The scheme id a manifest names for files in this format (`data.encryption.scheme`). */
export const STREAM_SCHEME = "1tt/stream@1";
export const MAGIC = utf8("1TTe");
export const VERSION = 1;
export const DATA_KEY_BYTES = 32;
export const NONCE_PREFIX_BYTES = 15;
export const KEY_CHECK_BYTES = 32;
export const HEADER_MAC_BYTES = 32;
export const TAG_BYTES = 16;

/** magic 4 · version 1 · chunk size 4 · nonce prefix 15 | key check 32 | header MAC 32 */
export const MACED_BYTES = 4 + 1 + 4 + NONCE_PREFIX_BYTES; // 24: what the header MAC covers
export const HEADER_BYTES = MACED_BYTES + KEY_CHECK_BYTES + HEADER_MAC_BYTES; // 88

export const DEFAULT_CHUNK_SIZE = 64 * 1024;
/** Bounds on the plaintext chunk size a header may declare: a reader never buffers more. */
export const MIN_CHUNK_SIZE = 1;
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;

/**
 * Frame markers. Far apart in bits so a flipped bit gives an unknown marker ("tampered") rather
 * than the other kind. The marker is only a parsing hint: what authenticates "this is the last
 * chunk" is the flag in the nonce.
 */
export const MORE = 0x4d; // "M": a full chunk, more follow
export const FINAL = 0x46; // "F": 4-byte plaintext length, then the last chunk

/** A fresh random 256-bit data key (one per submission). */
export function generateDataKey(random: RandomSource = randomBytes): Uint8Array {
  const key = random(DATA_KEY_BYTES);
  if (key.byteLength !== DATA_KEY_BYTES) throw new TypeError("The random source returned the wrong length.");
  return key;
}

export interface StreamKeys {
  /** XChaCha20-Poly1305 key of every chunk. */
  payload: Uint8Array;
  /** HMAC-SHA256 key of the header MAC. */
  headerMac: Uint8Array;
  /** Public value that names the data key (a key commitment), stored in the header. */
  keyCheck: Uint8Array;
}

/** The data key is never used directly: each use gets its own HKDF-SHA256 output. */
export function deriveStreamKeys(dataKey: Uint8Array): StreamKeys {
  if (!(dataKey instanceof Uint8Array) || dataKey.byteLength !== DATA_KEY_BYTES) {
    throw new TypeError(`A data key is ${DATA_KEY_BYTES} bytes; got ${dataKey instanceof Uint8Array ? dataKey.byteLength : typeof dataKey}.`);
  }
  const derive = (label: string, length: number) => hkdf(sha256, dataKey, undefined, utf8(`1tt/stream@1 ${label}`), length);
  return { payload: derive("payload", 32), headerMac: derive("header mac", 32), keyCheck: derive("key check", KEY_CHECK_BYTES) };
}

export interface Header {
  chunkSize: number;
  noncePrefix: Uint8Array;
  /** The 88 header bytes, the associated data of every chunk. */
  bytes: Uint8Array;
}

export function encodeHeader(keys: StreamKeys, chunkSize: number, noncePrefix: Uint8Array): Header {
  const bytes = new Uint8Array(HEADER_BYTES);
  bytes.set(MAGIC, 0);
  bytes[4] = VERSION;
  new DataView(bytes.buffer).setUint32(5, chunkSize);
  bytes.set(noncePrefix, 9);
  bytes.set(keys.keyCheck, MACED_BYTES);
  bytes.set(headerMac(keys, bytes), MACED_BYTES + KEY_CHECK_BYTES);
  return { chunkSize, noncePrefix, bytes };
}

export const headerMac = (keys: StreamKeys, header: Uint8Array): Uint8Array =>
  hmac(sha256, keys.headerMac, header.subarray(0, MACED_BYTES));

/**
 * nonce = prefix (15) ‖ chunk counter (8, big-endian) ‖ last-chunk flag (1): 24 bytes for
 * XChaCha20-Poly1305. Distinct for every chunk of every stream under one key as long as prefixes
 * differ (random 120 bits), and a non-final chunk can never be passed off as the final one.
 */
export function chunkNonce(prefix: Uint8Array, counter: number, last: boolean): Uint8Array {
  const nonce = new Uint8Array(24);
  nonce.set(prefix, 0);
  const view = new DataView(nonce.buffer);
  view.setUint32(15, Math.floor(counter / 2 ** 32));
  view.setUint32(19, counter >>> 0);
  nonce[23] = last ? 1 : 0;
  return nonce;
}

export function checkChunkSize(chunkSize: number): void {
  if (!Number.isSafeInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new RangeError(`chunkSize must be an integer from ${MIN_CHUNK_SIZE} to ${MAX_CHUNK_SIZE} bytes, got ${chunkSize}.`);
  }
}
