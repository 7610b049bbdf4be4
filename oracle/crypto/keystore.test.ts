import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { KeystoreError, type KeystoreErrorCode } from "./errors.ts";
import { readKeystoreFile, writeKeystoreFile } from "./files.ts";
import { decryptKeystore, encryptKeystore, type Keystore } from "./keystore.ts";
import { generateReaderKey } from "./reader-key.ts";

const FAST = { scryptLogN: 10 }; // tests only: the default is 2^17
const reader = generateReaderKey();
const PASSPHRASE = "correct horse battery staple";
let keystore: Keystore;
let dir: string;

before(async () => {
  keystore = await encryptKeystore(reader, PASSPHRASE, { ...FAST, label: "committee member 0x1111" });
  dir = await mkdtemp(join(tmpdir(), "1tt-keystore-"));
});
after(() => rm(dir, { recursive: true, force: true }));

async function rejectsCode(promise: Promise<unknown>, code: KeystoreErrorCode): Promise<void> {
  await assert.rejects(promise, (e: unknown) => e instanceof KeystoreError && e.code === code);
}
const edited = (change: (k: Record<string, any>) => void): unknown => {
  const copy = JSON.parse(JSON.stringify(keystore));
  change(copy);
  return copy;
};

describe("keystore", () => {
  it("gives back the key pair with the right passphrase", async () => {
    const opened = await decryptKeystore(JSON.parse(JSON.stringify(keystore)), PASSPHRASE);
    assert.deepEqual(opened, reader);
  });

  it("refuses a wrong passphrase with wrong_passphrase", async () => {
    await rejectsCode(decryptKeystore(keystore, "correct horse battery stapler"), "wrong_passphrase");
    await rejectsCode(decryptKeystore(keystore, "Correct horse battery staple"), "wrong_passphrase");
  });

  it("treats the same passphrase typed as composed or decomposed Unicode alike (NFKC)", async () => {
    const k = await encryptKeystore(reader, "caf\u00e9", FAST);
    assert.deepEqual(await decryptKeystore(k, "cafe\u0301"), reader);
  });

  it("refuses an altered key, label or public key with damaged, and edited scrypt parameters as a wrong passphrase", async () => {
    const flipLast = (h: string) => `${h.slice(0, -1)}${h.endsWith("0") ? "1" : "0"}`;
    await rejectsCode(decryptKeystore(edited((k) => (k.ciphertext = flipLast(k.ciphertext))), PASSPHRASE), "damaged");
    await rejectsCode(decryptKeystore(edited((k) => (k.label = "consumer")), PASSPHRASE), "damaged");
    await rejectsCode(decryptKeystore(edited((k) => (k.publicKey = flipLast(k.publicKey))), PASSPHRASE), "damaged");
    await rejectsCode(decryptKeystore(edited((k) => (k.kdf.salt = flipLast(k.kdf.salt))), PASSPHRASE), "wrong_passphrase");
    await rejectsCode(decryptKeystore(edited((k) => (k.kdf.N = 2 ** 30)), PASSPHRASE), "damaged");
    await rejectsCode(decryptKeystore(edited((k) => delete k.ciphertext), PASSPHRASE), "damaged");
    await rejectsCode(decryptKeystore(edited((k) => (k.schema = "1tt/keystore@9")), PASSPHRASE), "unsupported");
    await rejectsCode(decryptKeystore(edited((k) => (k.kdf.name = "argon2id")), PASSPHRASE), "unsupported");
  });

  it("writes a file readable by its owner only, without the private key in clear, and never overwrites", async () => {
    const path = join(dir, "committee.json");
    await writeKeystoreFile(path, keystore);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    const text = await readFile(path, "utf8");
    assert.ok(!text.includes(Buffer.from(reader.privateKey).toString("hex")));
    assert.deepEqual(await readKeystoreFile(path, PASSPHRASE), reader);
    await assert.rejects(writeKeystoreFile(path, keystore), /EEXIST/);
  });

  it("names a missing file, a file that is not JSON and a wrong passphrase", async () => {
    await rejectsCode(readKeystoreFile(join(dir, "absent.json"), PASSPHRASE), "not_found");
    const broken = join(dir, "broken.json");
    await writeFile(broken, "{ truncated");
    await rejectsCode(readKeystoreFile(broken, PASSPHRASE), "damaged");
    const path = join(dir, "ok.json");
    await writeKeystoreFile(path, keystore);
    await rejectsCode(readKeystoreFile(path, "wrong"), "wrong_passphrase");
  });

  it("refuses an empty passphrase when creating", async () => {
    await assert.rejects(encryptKeystore(reader, "", FAST), TypeError);
  });
});
