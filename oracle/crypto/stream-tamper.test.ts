// Every way of changing a ciphertext fails, and says which way: a header edit is "bad_header",
// another data key "wrong_key", a stream cut short "truncated", anything else "tampered".
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { concat } from "./bytes.ts";
import { FINAL, HEADER_BYTES, MORE, generateDataKey } from "./stream-format.ts";
import { decryptAll, encryptAll, flip, frameBounds, reassemble, rejectsWith, seeded } from "./testing.ts";

const CHUNK = 64;
const key = generateDataKey(seeded(11));
const plaintext = seeded(12)(CHUNK * 4 + 10); // 4 full chunks and a final chunk of 10 bytes
let ciphertext: Uint8Array;
let frames: Uint8Array[];

before(async () => {
  ciphertext = await encryptAll(plaintext, key, { chunkSize: CHUNK });
  frames = frameBounds(ciphertext, CHUNK).map(([s, e]) => ciphertext.subarray(s, e));
  assert.equal(frames.length, 5);
  assert.deepEqual(await decryptAll(ciphertext, key), plaintext); // the untouched stream is fine
});

describe("encrypted stream: keys", () => {
  it("refuses another data key with wrong_key, before any plaintext", async () => {
    await rejectsWith(decryptAll(ciphertext, generateDataKey(seeded(99))), "wrong_key");
    await rejectsWith(decryptAll(ciphertext, generateDataKey()), "wrong_key");
  });
});

describe("encrypted stream: header", () => {
  it("refuses a flipped bit in every one of the 88 header bytes with bad_header", async () => {
    for (let at = 0; at < HEADER_BYTES; at++) {
      for (const mask of [0x01, 0x80]) await rejectsWith(decryptAll(flip(ciphertext, at, mask), key), "bad_header");
    }
  });

  it("refuses data that is not a 1TT stream, and an unknown version, with bad_header", async () => {
    await rejectsWith(decryptAll(new TextEncoder().encode("plain text, not encrypted at all".repeat(4)), key), "bad_header");
    const v2 = ciphertext.slice();
    v2[4] = 2;
    const error = await rejectsWith(decryptAll(v2, key), "bad_header");
    assert.match(error.message, /version 2/);
  });

  it("refuses a valid header of another stream under the same key (nonce prefix differs) with tampered", async () => {
    const other = await encryptAll(plaintext, key, { chunkSize: CHUNK });
    await rejectsWith(decryptAll(concat(other.subarray(0, HEADER_BYTES), ciphertext.subarray(HEADER_BYTES)), key), "tampered", 0);
  });
});

describe("encrypted stream: chunks", () => {
  it("refuses a flipped byte in a chunk's ciphertext, in its tag and in the final chunk with tampered, naming the chunk", async () => {
    const [s1] = frameBounds(ciphertext, CHUNK)[1];
    await rejectsWith(decryptAll(flip(ciphertext, s1 + 1 + 10), key), "tampered", 1); // body
    const [, e2] = frameBounds(ciphertext, CHUNK)[2];
    await rejectsWith(decryptAll(flip(ciphertext, e2 - 1), key), "tampered", 2); // tag
    await rejectsWith(decryptAll(flip(ciphertext, ciphertext.byteLength - 20), key), "tampered", 4); // final chunk body
  });

  it("refuses a flipped bit at every position after the header (the final length field may read as truncated)", async () => {
    const [finalStart] = frameBounds(ciphertext, CHUNK)[4];
    for (let at = HEADER_BYTES; at < ciphertext.byteLength; at++) {
      const lengthField = at > finalStart && at <= finalStart + 4;
      const decrypting = decryptAll(flip(ciphertext, at), key);
      if (!lengthField) await rejectsWith(decrypting, "tampered");
      else await assert.rejects(decrypting, (e: { code?: string }) => e.code === "tampered" || e.code === "truncated");
    }
  });

  it("refuses a dropped chunk with tampered", async () => {
    await rejectsWith(decryptAll(reassemble(ciphertext, [frames[0], frames[2], frames[3], frames[4]]), key), "tampered", 1);
    await rejectsWith(decryptAll(reassemble(ciphertext, frames.slice(1)), key), "tampered", 0);
    await rejectsWith(decryptAll(reassemble(ciphertext, [...frames.slice(0, 3), frames[4]]), key), "tampered", 3);
  });

  it("refuses a swapped pair of chunks with tampered", async () => {
    await rejectsWith(decryptAll(reassemble(ciphertext, [frames[0], frames[2], frames[1], frames[3], frames[4]]), key), "tampered", 1);
  });

  it("refuses a duplicated chunk with tampered", async () => {
    await rejectsWith(decryptAll(reassemble(ciphertext, [frames[0], frames[1], frames[1], frames[2], frames[3], frames[4]]), key), "tampered", 2);
  });

  it("refuses a chunk from another stream under the same key with tampered", async () => {
    const other = await encryptAll(plaintext, key, { chunkSize: CHUNK });
    const otherFrames = frameBounds(other, CHUNK).map(([s, e]) => other.subarray(s, e));
    await rejectsWith(decryptAll(reassemble(ciphertext, [frames[0], otherFrames[1], ...frames.slice(2)]), key), "tampered", 1);
  });

  it("refuses an appended chunk, or any byte after the final chunk, with tampered", async () => {
    await rejectsWith(decryptAll(concat(ciphertext, frames[3]), key), "tampered", 5);
    await rejectsWith(decryptAll(concat(ciphertext, frames[4]), key), "tampered", 5);
    await rejectsWith(decryptAll(concat(ciphertext, new Uint8Array(1)), key), "tampered", 5);
  });
});

describe("encrypted stream: truncation", () => {
  it("refuses a stream cut at a chunk boundary (the final chunk missing) with truncated", async () => {
    for (let n = 0; n < 4; n++) await rejectsWith(decryptAll(reassemble(ciphertext, frames.slice(0, n + 1)), key), "truncated", n + 1);
    await rejectsWith(decryptAll(ciphertext.subarray(0, HEADER_BYTES), key), "truncated", 0);
  });

  it("refuses a cut at a boundary disguised as the end: a full chunk relabelled final fails its last-chunk flag", async () => {
    // Keep chunks 0..2, turn chunk 3 into a "final" frame of 64 bytes: the marker and length
    // parse, but chunk 3 was sealed with the non-final flag in its nonce.
    const body = frames[3].subarray(1);
    const relabelled = concat(Uint8Array.of(FINAL, 0, 0, 0, CHUNK), body);
    const error = await rejectsWith(decryptAll(reassemble(ciphertext, [...frames.slice(0, 3), relabelled]), key), "tampered", 3);
    assert.match(error.message, /relabelled as final/);
    assert.equal(frames[3][0], MORE);
  });

  it("refuses a stream cut inside a chunk, inside the final chunk and inside the header with truncated", async () => {
    const [s2] = frameBounds(ciphertext, CHUNK)[2];
    await rejectsWith(decryptAll(ciphertext.subarray(0, s2 + 30), key), "truncated", 2);
    await rejectsWith(decryptAll(ciphertext.subarray(0, ciphertext.byteLength - 1), key), "truncated", 4);
    await rejectsWith(decryptAll(ciphertext.subarray(0, 40), key), "truncated");
  });

  it("releases no plaintext of the final chunk before the end of the stream is checked", async () => {
    const out: Uint8Array[] = [];
    const withTail = concat(ciphertext, new Uint8Array(3));
    const { decryptStream } = await import("./decrypt-stream.ts");
    await assert.rejects(async () => {
      for await (const part of decryptStream(withTail, key).plaintext) out.push(part);
    });
    assert.equal(out.reduce((n, p) => n + p.byteLength, 0), CHUNK * 4); // chunks 0..3 only
  });
});
