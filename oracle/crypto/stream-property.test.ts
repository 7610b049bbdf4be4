// Properties over random sizes, chunk sizes and piece boundaries (fast-check).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { DecryptionError } from "./errors.ts";
import { generateDataKey } from "./stream-format.ts";
import { cut, decryptAll, encryptAll, flip } from "./testing.ts";

const key = generateDataKey();
const input = fc.record({
  plaintext: fc.uint8Array({ maxLength: 3000 }),
  chunkSize: fc.integer({ min: 1, max: 400 }),
  pieces: fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 }),
  cipherPieces: fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 }),
});

describe("encrypted stream: properties", () => {
  it("decrypt(encrypt(x)) = x for any size, chunk size and cutting of either stream", async () => {
    await fc.assert(
      fc.asyncProperty(input, async ({ plaintext, chunkSize, pieces, cipherPieces }) => {
        const ciphertext = await encryptAll(cut(plaintext, pieces), key, { chunkSize });
        assert.deepEqual(await decryptAll(cut(ciphertext, cipherPieces), key), plaintext);
      }),
      { numRuns: 300 },
    );
  });

  it("any single flipped byte fails with a DecryptionError", async () => {
    await fc.assert(
      fc.asyncProperty(input, fc.nat(), fc.integer({ min: 1, max: 255 }), async ({ plaintext, chunkSize }, position, mask) => {
        const ciphertext = await encryptAll(plaintext, key, { chunkSize });
        await assert.rejects(decryptAll(flip(ciphertext, position % ciphertext.byteLength, mask), key), DecryptionError);
      }),
      { numRuns: 300 },
    );
  });

  it("any cut of the ciphertext short of its end fails with truncated", async () => {
    await fc.assert(
      fc.asyncProperty(input, fc.nat(), async ({ plaintext, chunkSize }, position) => {
        const ciphertext = await encryptAll(plaintext, key, { chunkSize });
        const length = 1 + (position % (ciphertext.byteLength - 1));
        await assert.rejects(decryptAll(ciphertext.subarray(0, length), key), (e: DecryptionError) => e.code === "truncated");
      }),
      { numRuns: 300 },
    );
  });
});
