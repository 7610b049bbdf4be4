// Streaming decryption with an error that says which check failed. Plaintext is released one
// authenticated chunk at a time: it is genuine but may be incomplete until the stream ends
// without error, so write it somewhere temporary and keep it only then (files.ts does).
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { ByteReader, constantTimeEqual, type ByteSource, type Sha256Factory, type XChaChaFactory } from "./bytes.ts";
import type { StreamSummary } from "./encrypt-stream.ts";
import { DecryptionError } from "./errors.ts";
import {
  FINAL,
  HEADER_BYTES,
  KEY_CHECK_BYTES,
  MACED_BYTES,
  MAGIC,
  MAX_CHUNK_SIZE,
  MIN_CHUNK_SIZE,
  MORE,
  TAG_BYTES,
  VERSION,
  chunkNonce,
  deriveStreamKeys,
  headerMac,
  type Header,
  type StreamKeys,
} from "./stream-format.ts";

export interface DecryptOptions {
  /**
   * The plaintext sha256 (hex) the manifest attests to. When given, a stream whose plaintext
   * hashes to anything else fails at its end with code "commitment_mismatch".
   */
  expectedSha256?: string;
  /** The sha256 used for the plaintext commitment; @noble/hashes by default (runs anywhere). */
  sha256?: Sha256Factory;
  /** The XChaCha20-Poly1305 used for the chunks; @noble/ciphers by default (runs anywhere). */
  xchacha?: XChaChaFactory;
}

export interface DecryptedStream {
  /** The plaintext, to be read once. Fails with DecryptionError. */
  plaintext: AsyncIterable<Uint8Array>;
  /** Resolves when `plaintext` has been read to the end and every check passed. */
  summary: Promise<StreamSummary>;
}

export function decryptStream(source: ByteSource, dataKey: Uint8Array, options: DecryptOptions = {}): DecryptedStream {
  const keys = deriveStreamKeys(dataKey);
  const expected = options.expectedSha256?.toLowerCase().replace(/^0x/, "");

  let settle!: { resolve: (s: StreamSummary) => void; reject: (e: unknown) => void };
  const summary = new Promise<StreamSummary>((resolve, reject) => (settle = { resolve, reject }));
  summary.catch(() => {});

  async function* chunks(): AsyncGenerator<Uint8Array> {
    const reader = new ByteReader(source);
    try {
      const header = await readHeader(reader, keys);
      const hash = (options.sha256 ?? sha256.create)();
      let plaintextBytes = 0;
      for (let counter = 0; ; counter++) {
        const marker = await reader.read(1);
        if (marker.byteLength === 0) {
          throw new DecryptionError("truncated", `The encrypted stream ends after chunk ${counter - 1} without its final chunk.`, {
            details: `${reader.consumed} bytes read; a complete stream ends with a final chunk.`,
            chunk: counter,
          });
        }
        const last = marker[0] === FINAL;
        if (!last && marker[0] !== MORE) {
          throw new DecryptionError("tampered", `Chunk ${counter} has an unknown marker byte 0x${marker[0].toString(16)}.`, {
            details: `At byte ${reader.consumed - 1} of the stream.`,
            chunk: counter,
          });
        }
        let length = header.chunkSize;
        if (last) {
          const field = await reader.read(4);
          if (field.byteLength < 4) throw truncatedIn(counter, reader);
          length = new DataView(field.buffer, field.byteOffset, 4).getUint32(0);
          if (length > header.chunkSize) {
            throw new DecryptionError("tampered", `The final chunk (${counter}) declares ${length} bytes, more than the chunk size ${header.chunkSize}.`, {
              chunk: counter,
            });
          }
        }
        const sealed = await reader.read(length + TAG_BYTES);
        if (sealed.byteLength < length + TAG_BYTES) throw truncatedIn(counter, reader);
        let plaintext: Uint8Array;
        try {
          plaintext = (options.xchacha ?? xchacha20poly1305)(keys.payload, chunkNonce(header.noncePrefix, counter, last), header.bytes).decrypt(sealed);
        } catch {
          throw new DecryptionError("tampered", `Chunk ${counter} failed authentication.`, {
            details:
              `The chunk at byte ${reader.consumed - sealed.byteLength} was modified, or a chunk was dropped, ` +
              `reordered or duplicated before it${last ? ", or a non-final chunk was relabelled as final" : ""}.`,
            chunk: counter,
          });
        }
        hash.update(plaintext);
        plaintextBytes += plaintext.byteLength;
        if (last) {
          if (!(await reader.atEnd())) {
            const extra = await reader.skipRest(1 << 20);
            throw new DecryptionError("tampered", `Data follows the final chunk (${counter}).`, {
              details: `${extra >= 1 << 20 ? "At least 1 MiB" : `${extra} bytes`} after byte ${reader.consumed}; a chunk was appended.`,
              chunk: counter + 1,
            });
          }
          const plaintextSha256 = bytesToHex(hash.digest());
          if (expected !== undefined && plaintextSha256 !== expected) {
            throw new DecryptionError("commitment_mismatch", "The decrypted data does not match the expected sha256.", {
              details: `expected ${expected}, got ${plaintextSha256} (${plaintextBytes} bytes).`,
            });
          }
          // The caller gets the last chunk only once every check passed.
          if (plaintext.byteLength > 0) yield plaintext;
          settle.resolve({ plaintextSha256, plaintextBytes, ciphertextBytes: reader.consumed });
          return;
        }
        yield plaintext;
      }
    } catch (error) {
      settle.reject(error);
      throw error;
    } finally {
      settle.reject(new Error("The plaintext stream was closed before its end; no summary."));
      await reader.close();
    }
  }
  return { plaintext: chunks(), summary };
}

/** Reads and checks the header: structure first, then which key made it, then its MAC. */
async function readHeader(reader: ByteReader, keys: StreamKeys): Promise<Header> {
  const bytes = await reader.read(HEADER_BYTES);
  const magicSeen = bytes.subarray(0, MAGIC.byteLength);
  if (bytes.byteLength === 0) {
    throw new DecryptionError("bad_header", "The encrypted stream is empty.", { details: "Not even a header was read." });
  }
  if (!constantTimeEqual(magicSeen, MAGIC.subarray(0, magicSeen.byteLength))) {
    throw new DecryptionError("bad_header", "This is not a 1TT encrypted stream.", {
      details: `It starts with 0x${bytesToHex(magicSeen)}, not "1TTe".`,
    });
  }
  if (bytes.byteLength < HEADER_BYTES) {
    throw new DecryptionError("truncated", "The encrypted stream ends inside its header.", {
      details: `${bytes.byteLength} of ${HEADER_BYTES} header bytes.`,
    });
  }
  if (bytes[4] !== VERSION) {
    throw new DecryptionError("bad_header", `Unsupported encrypted stream version ${bytes[4]}.`, {
      details: `This library reads version ${VERSION}.`,
    });
  }
  const chunkSize = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES).getUint32(5);
  if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new DecryptionError("bad_header", `The header declares a chunk size of ${chunkSize} bytes.`, {
      details: `Chunk sizes run from ${MIN_CHUNK_SIZE} to ${MAX_CHUNK_SIZE} bytes.`,
    });
  }
  // The MAC covers magic..prefix and not the key check, so the two together tell a wrong key
  // (neither matches) from an edited header (one matches).
  const macOk = constantTimeEqual(headerMac(keys, bytes), bytes.subarray(MACED_BYTES + KEY_CHECK_BYTES));
  const checkOk = constantTimeEqual(keys.keyCheck, bytes.subarray(MACED_BYTES, MACED_BYTES + KEY_CHECK_BYTES));
  if (!macOk && !checkOk) {
    throw new DecryptionError("wrong_key", "This stream was encrypted under another data key.", {
      details: "Neither the key check nor the header MAC matches the key given.",
    });
  }
  if (!macOk || !checkOk) {
    throw new DecryptionError("bad_header", "The header of the encrypted stream was modified.", {
      details: macOk ? "The key check field does not match (the MAC does)." : "The header MAC does not match (the key check does).",
    });
  }
  return { chunkSize, noncePrefix: bytes.slice(9, MACED_BYTES), bytes: bytes.slice() };
}

function truncatedIn(counter: number, reader: ByteReader): DecryptionError {
  return new DecryptionError("truncated", `The encrypted stream ends inside chunk ${counter}.`, {
    details: `${reader.consumed} bytes read.`,
    chunk: counter,
  });
}
