// The Node-native XChaCha20-Poly1305 (files.ts) against @noble/ciphers' reference: the same bytes
// for every key, nonce, associated data and length tried, each other's output opened, and every
// tampering refused, so streams made with either open with either.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { decryptStream } from "./decrypt-stream.ts";
import { encryptStream } from "./encrypt-stream.ts";
import { DecryptionError } from "./errors.ts";
import { nodeXChaCha20Poly1305 } from "./files.ts";
import { generateDataKey } from "./stream-format.ts";
import { seeded } from "./testing.ts";

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const p of source) parts.push(p);
  return Buffer.concat(parts);
}

describe("native XChaCha20-Poly1305", () => {
  it("gives @noble/ciphers' bytes, opens its output and it opens ours, over many keys, nonces and lengths", () => {
    const random = seeded(7);
    for (const length of [0, 1, 15, 16, 17, 63, 64, 65, 1000, 65_536, 100_003]) {
      for (let round = 0; round < 3; round++) {
        const key = random(32);
        const nonce = random(24);
        const aad = random(round * 40);
        const plaintext = random(length);
        const reference = xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
        const native = nodeXChaCha20Poly1305(key, nonce, aad).encrypt(plaintext);
        assert.deepEqual(Buffer.from(native), Buffer.from(reference), `length ${length}, round ${round}`);
        // In place, into a caller's buffer at an offset, as the stream encryptor writes.
        const frame = new Uint8Array(3 + length + 16);
        nodeXChaCha20Poly1305(key, nonce, aad).encrypt(plaintext, frame.subarray(3));
        assert.deepEqual(Buffer.from(frame.subarray(3)), Buffer.from(reference));
        assert.deepEqual(Buffer.from(nodeXChaCha20Poly1305(key, nonce, aad).decrypt(reference)), Buffer.from(plaintext));
        assert.deepEqual(Buffer.from(xchacha20poly1305(key, nonce, aad).decrypt(native)), Buffer.from(plaintext));
      }
    }
  });

  it("refuses a flipped byte anywhere, another nonce, key or associated data, and a cut tag", () => {
    const random = seeded(8);
    const key = random(32);
    const nonce = random(24);
    const aad = random(88);
    const sealed = nodeXChaCha20Poly1305(key, nonce, aad).encrypt(random(200));
    for (let i = 0; i < sealed.byteLength; i++) {
      const bad = Uint8Array.from(sealed);
      bad[i] ^= 0x01;
      assert.throws(() => nodeXChaCha20Poly1305(key, nonce, aad).decrypt(bad), Error, `byte ${i}`);
    }
    const other = (b: Uint8Array, at: number) => Uint8Array.from(b, (x, i) => (i === at ? x ^ 0x80 : x));
    assert.throws(() => nodeXChaCha20Poly1305(key, other(nonce, 3), aad).decrypt(sealed)); // in the HChaCha part
    assert.throws(() => nodeXChaCha20Poly1305(key, other(nonce, 20), aad).decrypt(sealed)); // in the ChaCha part
    assert.throws(() => nodeXChaCha20Poly1305(other(key, 0), nonce, aad).decrypt(sealed));
    assert.throws(() => nodeXChaCha20Poly1305(key, nonce, other(aad, 87)).decrypt(sealed));
    assert.throws(() => nodeXChaCha20Poly1305(key, nonce, aad).decrypt(sealed.subarray(0, 10)));
  });

  it("makes streams that open with the portable code and the reverse, and reports tampering the same way", async () => {
    const dataKey = generateDataKey();
    const plaintext = seeded(9)(300_000);
    const noncePrefix = seeded(10)(15);
    const portable = await collect(encryptStream(plaintext, dataKey, { noncePrefix }).ciphertext);
    const native = await collect(encryptStream(plaintext, dataKey, { noncePrefix, xchacha: nodeXChaCha20Poly1305 }).ciphertext);
    assert.deepEqual(native, portable);
    assert.deepEqual(await collect(decryptStream(portable, dataKey, { xchacha: nodeXChaCha20Poly1305 }).plaintext), Buffer.from(plaintext));
    const tampered = Buffer.from(native);
    tampered[200_000] ^= 0x04;
    await assert.rejects(collect(decryptStream(tampered, dataKey, { xchacha: nodeXChaCha20Poly1305 }).plaintext), (e) => e instanceof DecryptionError && e.code === "tampered" && e.chunk === 3);
  });
});
