// Test helpers: whole-buffer wrappers around the streams, frame boundaries, seeded randomness.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { concat, type ByteSource } from "./bytes.ts";
import { decryptStream, type DecryptOptions } from "./decrypt-stream.ts";
import { encryptStream, type EncryptOptions } from "./encrypt-stream.ts";
import { DecryptionError, type DecryptionErrorCode } from "./errors.ts";
import { FINAL, HEADER_BYTES, MORE, TAG_BYTES } from "./stream-format.ts";

export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part.slice());
  return concat(...parts);
}

export async function encryptAll(source: ByteSource, key: Uint8Array, options?: EncryptOptions): Promise<Uint8Array> {
  return collect(encryptStream(source, key, options).ciphertext);
}

export async function decryptAll(source: ByteSource, key: Uint8Array, options?: DecryptOptions): Promise<Uint8Array> {
  return collect(decryptStream(source, key, options).plaintext);
}

/** [start, end) of each frame of a well-formed ciphertext, header excluded. */
export function frameBounds(ciphertext: Uint8Array, chunkSize: number): [number, number][] {
  const bounds: [number, number][] = [];
  let at = HEADER_BYTES;
  while (at < ciphertext.byteLength) {
    const marker = ciphertext[at];
    assert.ok(marker === MORE || marker === FINAL, `marker at ${at}`);
    const length = marker === MORE ? 1 + chunkSize + TAG_BYTES : 5 + new DataView(ciphertext.buffer, ciphertext.byteOffset + at + 1, 4).getUint32(0) + TAG_BYTES;
    bounds.push([at, at + length]);
    at += length;
  }
  return bounds;
}

/** Rebuilds a ciphertext from the header and a chosen list of frames. */
export function reassemble(ciphertext: Uint8Array, frames: Uint8Array[]): Uint8Array {
  return concat(ciphertext.subarray(0, HEADER_BYTES), ...frames);
}

export function flip(bytes: Uint8Array, at: number, mask = 0x01): Uint8Array {
  const copy = bytes.slice();
  copy[at] ^= mask;
  return copy;
}

export async function rejectsWith(promise: Promise<unknown>, code: DecryptionErrorCode, chunk?: number): Promise<DecryptionError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof DecryptionError, `expected DecryptionError "${code}", got ${caught === undefined ? "success" : String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (chunk !== undefined) assert.equal(caught.chunk, chunk, caught.message);
  return caught;
}

/** Deterministic bytes (xorshift32), for reproducible keys and data in tests. */
export function seeded(seed: number): (length: number) => Uint8Array {
  let x = seed >>> 0 || 1;
  return (length) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = x & 0xff;
    }
    return out;
  };
}

export const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** Yields `bytes` cut at the given sizes (cycled), to exercise arbitrary piece boundaries. */
export function* cut(bytes: Uint8Array, sizes: number[]): Generator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.byteLength; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}
