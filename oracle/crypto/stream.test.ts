import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decryptStream } from "./decrypt-stream.ts";
import { encryptStream } from "./encrypt-stream.ts";
import { DEFAULT_CHUNK_SIZE, FINAL, HEADER_BYTES, MORE, generateDataKey } from "./stream-format.ts";
import { collect, cut, decryptAll, encryptAll, frameBounds, rejectsWith, seeded, sha256Hex } from "./testing.ts";

const key = generateDataKey(seeded(1));
const prefix = seeded(2)(15);

describe("encrypted stream: round trips", () => {
  for (const size of [0, 1, 63, 64, 65, 128, 64 * 3 + 5]) {
    it(`gives back ${size} bytes exactly (64-byte chunks)`, async () => {
      const plaintext = seeded(size + 10)(size);
      const ciphertext = await encryptAll(plaintext, key, { chunkSize: 64 });
      assert.deepEqual(await decryptAll(ciphertext, key), plaintext);
    });
  }

  it("gives back 300 KB with the default 64 KiB chunks, fed in odd-sized pieces", async () => {
    const plaintext = seeded(3)(300_000);
    const ciphertext = await encryptAll(cut(plaintext, [1, 7000, 65536, 100_000]), key);
    assert.equal(frameBounds(ciphertext, DEFAULT_CHUNK_SIZE).length, 5); // 4 full chunks + final
    assert.deepEqual(await decryptAll(cut(ciphertext, [3, 50_000, 131_072]), key), plaintext);
  });

  it("encrypts empty plaintext as a header and one empty final chunk", async () => {
    const ciphertext = await encryptAll(new Uint8Array(0), key, { chunkSize: 64 });
    assert.equal(ciphertext.byteLength, HEADER_BYTES + 5 + 16);
    assert.equal(ciphertext[HEADER_BYTES], FINAL);
    assert.equal((await decryptAll(ciphertext, key)).byteLength, 0);
    await rejectsWith(decryptAll([], key), "bad_header"); // an empty ciphertext is not an empty plaintext
  });

  it("encrypts exactly one chunk as one full chunk and an empty final chunk", async () => {
    const ciphertext = await encryptAll(seeded(4)(64), key, { chunkSize: 64 });
    const frames = frameBounds(ciphertext, 64);
    assert.deepEqual(frames.map(([s]) => ciphertext[s]), [MORE, FINAL]);
    assert.equal(frames[1][1] - frames[1][0], 5 + 16);
  });

  it("is deterministic given the key, nonce prefix and chunk size, and differs with the prefix", async () => {
    const plaintext = seeded(5)(1000);
    const a = await encryptAll(plaintext, key, { chunkSize: 100, noncePrefix: prefix });
    const b = await encryptAll(cut(plaintext, [13]), key, { chunkSize: 100, noncePrefix: prefix });
    const c = await encryptAll(plaintext, key, { chunkSize: 100 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.subarray(HEADER_BYTES), c.subarray(HEADER_BYTES));
  });

  it("never writes the plaintext into the ciphertext", async () => {
    const sentence = new TextEncoder().encode("The quick brown fox jumps over the lazy dog. ".repeat(200));
    const ciphertext = Buffer.from(await encryptAll(sentence, key, { chunkSize: 256 }));
    assert.equal(ciphertext.indexOf("quick brown fox"), -1);
  });
});

describe("encrypted stream: commitments", () => {
  it("reports the plaintext sha256, plaintext bytes and ciphertext bytes after streaming", async () => {
    const plaintext = seeded(6)(10_000);
    const { ciphertext, summary } = encryptStream(cut(plaintext, [999]), key, { chunkSize: 1024 });
    const bytes = await collect(ciphertext);
    assert.deepEqual(await summary, { plaintextSha256: sha256Hex(plaintext), plaintextBytes: 10_000, ciphertextBytes: bytes.byteLength });
    const decrypted = decryptStream(bytes, key);
    await collect(decrypted.plaintext);
    assert.deepEqual(await decrypted.summary, await summary);
  });

  it("gives the same commitment with node:crypto's sha256 as with @noble/hashes", async () => {
    const { nodeSha256 } = await import("./files.ts");
    const plaintext = seeded(8)(3000);
    const noble = encryptStream(plaintext, key, { chunkSize: 512 });
    const native = encryptStream(plaintext, key, { chunkSize: 512, sha256: nodeSha256 });
    await collect(noble.ciphertext);
    await collect(native.ciphertext);
    assert.deepEqual(await native.summary, await noble.summary);
    assert.equal((await native.summary).plaintextSha256, sha256Hex(plaintext));
  });

  it("checks an expected sha256 at the end of decryption", async () => {
    const plaintext = seeded(7)(500);
    const ciphertext = await encryptAll(plaintext, key, { chunkSize: 64 });
    assert.deepEqual(await decryptAll(ciphertext, key, { expectedSha256: sha256Hex(plaintext) }), plaintext);
    await rejectsWith(decryptAll(ciphertext, key, { expectedSha256: sha256Hex(new Uint8Array(1)) }), "commitment_mismatch");
  });

  it("rejects the summary when the source fails, and the ciphertext stream throws the source's error", async () => {
    async function* failing() {
      yield new Uint8Array(10);
      throw new Error("disk gone");
    }
    const { ciphertext, summary } = encryptStream(failing(), key);
    await assert.rejects(collect(ciphertext), /disk gone/);
    await assert.rejects(summary, /disk gone/);
  });

  it("refuses a source of something other than bytes, a bad chunk size and a bad key", async () => {
    await assert.rejects(encryptAll(["text" as unknown as Uint8Array], key), TypeError);
    assert.throws(() => encryptStream(new Uint8Array(1), key, { chunkSize: 0 }), RangeError);
    assert.throws(() => encryptStream(new Uint8Array(1), key, { chunkSize: 16 * 1024 * 1024 + 1 }), RangeError);
    assert.throws(() => encryptStream(new Uint8Array(1), new Uint8Array(16)), TypeError);
  });
});
