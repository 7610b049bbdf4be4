// Test data: the deterministic byte stream of Kubo's CLI test harness
// (test/cli/testutils, DeterministicRandomReader): ChaCha20 keystream with key sha256(seed),
// an all-zero nonce and block counter 0. With it we can hash the very files Kubo's own tests
// add and compare with the CIDs Kubo published for them.
import { createCipheriv, createHash } from "node:crypto";

const MIB = 1 << 20;

export async function* kuboRandomBytes(seed: string, size: number): AsyncGenerator<Uint8Array> {
  const key = createHash("sha256").update(seed).digest();
  // OpenSSL's chacha20 IV is 16 bytes: a 32-bit little-endian counter, then the 96-bit nonce.
  const cipher = createCipheriv("chacha20", key, Buffer.alloc(16));
  const zeros = Buffer.alloc(MIB);
  for (let left = size; left > 0; left -= MIB) {
    const n = Math.min(left, MIB);
    yield new Uint8Array(cipher.update(zeros.subarray(0, n)));
  }
}

/** A cheap, seeded, non-periodic byte pattern (xorshift32) for tests that need many MiB. */
export function patternBytes(size: number, seed = 0x5eed_1771): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
