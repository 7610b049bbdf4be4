import assert from "node:assert/strict";
import { access, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DecryptionError } from "./errors.ts";
import { decryptFile, encryptFile } from "./files.ts";
import { generateDataKey } from "./stream-format.ts";
import { seeded, sha256Hex } from "./testing.ts";

let dir: string;
const key = generateDataKey();
before(async () => (dir = await mkdtemp(join(tmpdir(), "1tt-crypto-files-"))));
after(() => rm(dir, { recursive: true, force: true }));

describe("file helpers", () => {
  it("encrypts a file to a file and back, with the commitment of the plaintext", async () => {
    const plaintext = Buffer.concat([Buffer.from("A sentence that must never reach the content store. "), Buffer.from(seeded(31)(3_000_000))]);
    await writeFile(join(dir, "data.txt"), plaintext);
    const summary = await encryptFile(join(dir, "data.txt"), join(dir, "data.1tte"), key);
    assert.equal(summary.plaintextSha256, sha256Hex(plaintext));
    const ciphertext = await readFile(join(dir, "data.1tte"));
    assert.equal(summary.ciphertextBytes, ciphertext.byteLength);
    assert.equal(ciphertext.indexOf("must never reach"), -1);
    const back = await decryptFile(join(dir, "data.1tte"), join(dir, "data.out"), key, { expectedSha256: summary.plaintextSha256 });
    assert.deepEqual(back, summary);
    assert.ok(plaintext.equals(await readFile(join(dir, "data.out"))));
  });

  it("leaves no output and no partial file when decryption fails", async () => {
    const ciphertext = await readFile(join(dir, "data.1tte"));
    ciphertext[ciphertext.byteLength - 100] ^= 1;
    await writeFile(join(dir, "bad.1tte"), ciphertext);
    await assert.rejects(decryptFile(join(dir, "bad.1tte"), join(dir, "bad.out"), key), (e: unknown) => e instanceof DecryptionError && e.code === "tampered");
    await assert.rejects(access(join(dir, "bad.out")));
    assert.deepEqual((await readdir(dir)).filter((f) => f.includes("partial")), []);
  });
});
