// Streaming encryption: plaintext pieces of any size in, ciphertext frames out, one chunk in
// memory at a time. The plaintext's sha256 is taken on the way, for the public manifest.
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { pieces, randomBytes, type ByteSource, type Sha256Factory, type XChaChaFactory } from "./bytes.ts";
import {
  DEFAULT_CHUNK_SIZE,
  FINAL,
  MORE,
  NONCE_PREFIX_BYTES,
  TAG_BYTES,
  checkChunkSize,
  chunkNonce,
  deriveStreamKeys,
  encodeHeader,
} from "./stream-format.ts";

export interface EncryptOptions {
  /** Plaintext bytes per chunk, default 64 KiB (from 1 byte to 16 MiB). */
  chunkSize?: number;
  /**
   * The 15-byte nonce prefix; random by default. Only tests pass one: two streams under one data
   * key with the same prefix would reuse nonces.
   */
  noncePrefix?: Uint8Array;
  /** The sha256 used for the plaintext commitment; @noble/hashes by default (runs anywhere). */
  sha256?: Sha256Factory;
  /** The XChaCha20-Poly1305 used for the chunks; @noble/ciphers by default (runs anywhere). */
  xchacha?: XChaChaFactory;
}

/** What a stream held, known once it has been read to the end. */
export interface StreamSummary {
  /** sha256 of the plaintext, lowercase hex (no 0x), as the pipeline report writes hashes. */
  plaintextSha256: string;
  plaintextBytes: number;
  ciphertextBytes: number;
}

export interface EncryptedStream {
  /** The ciphertext, to be read once (e.g. passed to ContentStore.add). */
  ciphertext: AsyncIterable<Uint8Array>;
  /** Resolves when `ciphertext` has been read to the end; rejects if it failed. */
  summary: Promise<StreamSummary>;
}

/**
 * Encrypts `source` under `dataKey` (32 bytes). Deterministic given the key, the nonce prefix
 * and the chunk size. Nothing is read from `source` until `ciphertext` is iterated.
 */
export function encryptStream(source: ByteSource, dataKey: Uint8Array, options: EncryptOptions = {}): EncryptedStream {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  checkChunkSize(chunkSize);
  const noncePrefix = options.noncePrefix ?? randomBytes(NONCE_PREFIX_BYTES);
  if (!(noncePrefix instanceof Uint8Array) || noncePrefix.byteLength !== NONCE_PREFIX_BYTES) {
    throw new TypeError(`noncePrefix must be ${NONCE_PREFIX_BYTES} bytes.`);
  }
  const keys = deriveStreamKeys(dataKey);
  const header = encodeHeader(keys, chunkSize, noncePrefix);
  const aead: XChaChaFactory = options.xchacha ?? xchacha20poly1305;

  let settle!: { resolve: (s: StreamSummary) => void; reject: (e: unknown) => void };
  const summary = new Promise<StreamSummary>((resolve, reject) => (settle = { resolve, reject }));
  summary.catch(() => {}); // the error is also thrown to the reader of `ciphertext`

  async function* frames(): AsyncGenerator<Uint8Array> {
    const hash = (options.sha256 ?? sha256.create)();
    let plaintextBytes = 0;
    let ciphertextBytes = header.bytes.byteLength;
    let counter = 0;
    const seal = (plaintext: Uint8Array, last: boolean): Uint8Array => {
      const lead = last ? 5 : 1;
      // Start the view 3 bytes into its buffer so the sealed part (after 1 or 5 lead bytes) is
      // 4-byte aligned: noble's ChaCha takes a copying slow path on unaligned output.
      const frame = new Uint8Array(new ArrayBuffer(3 + lead + plaintext.byteLength + TAG_BYTES), 3);
      frame[0] = last ? FINAL : MORE;
      if (last) new DataView(frame.buffer, frame.byteOffset).setUint32(1, plaintext.byteLength);
      aead(keys.payload, chunkNonce(noncePrefix, counter, last), header.bytes).encrypt(plaintext, frame.subarray(lead));
      counter++;
      ciphertextBytes += frame.byteLength;
      return frame;
    };
    try {
      yield header.bytes;
      const chunk = new Uint8Array(chunkSize);
      let filled = 0;
      for await (let piece of pieces(source)) {
        hash.update(piece);
        plaintextBytes += piece.byteLength;
        while (piece.byteLength > 0) {
          if (filled === 0 && piece.byteLength >= chunkSize) {
            // A whole chunk inside the piece: encrypt from it directly, no copy.
            yield seal(piece.subarray(0, chunkSize), false);
            piece = piece.subarray(chunkSize);
            continue;
          }
          const n = Math.min(chunkSize - filled, piece.byteLength);
          chunk.set(piece.subarray(0, n), filled);
          filled += n;
          piece = piece.subarray(n);
          if (filled === chunkSize) {
            yield seal(chunk, false);
            filled = 0;
          }
        }
      }
      // Always a final frame, possibly empty: the encryptor never needs to look ahead.
      yield seal(chunk.subarray(0, filled), true);
      settle.resolve({ plaintextSha256: bytesToHex(hash.digest()), plaintextBytes, ciphertextBytes });
    } catch (error) {
      settle.reject(error);
      throw error;
    } finally {
      settle.reject(new Error("The ciphertext stream was closed before its end; no summary."));
    }
  }
  return { ciphertext: frames(), summary };
}
