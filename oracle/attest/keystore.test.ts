import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encryptKeystoreJson, Wallet } from "ethers";
import { decryptKeystore, encryptKeystore, loadAccount, loadAccountFromEnv, SignerKeyError } from "./index.ts";

const KEY = `0x${"5a".repeat(32)}` as const;
const FAST = { n: 1 << 10, r: 8, p: 1 };
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "1tt-keystore-test-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("signer keystore (Web3 Secret Storage v3)", () => {
  it("round-trips a key and refuses a wrong password", async () => {
    const ks = await encryptKeystore(KEY, "correct horse", FAST);
    assert.equal(ks.version, 3);
    assert.ok(!JSON.stringify(ks).includes("5a5a5a"), "the key is not in the clear");
    assert.equal(await decryptKeystore(JSON.stringify(ks), "correct horse"), KEY);
    await assert.rejects(decryptKeystore(ks, "wrong"), (e: unknown) => e instanceof SignerKeyError && /Wrong keystore password/.test(e.message));
  });

  it("reads keystores written by ethers (scrypt) and ethers reads ours", async () => {
    const wallet = new Wallet(KEY);
    const theirs = await encryptKeystoreJson({ address: wallet.address, privateKey: KEY }, "pw", { scrypt: { N: 1 << 10 } });
    assert.equal(await decryptKeystore(theirs, "pw"), KEY);
    const ours = JSON.stringify(await encryptKeystore(KEY, "pw", FAST));
    const back = await Wallet.fromEncryptedJson(ours, "pw");
    assert.equal(back.privateKey, KEY);
  });

  it("reads the pbkdf2 variant", async () => {
    // Built by hand the way geth's "pbkdf2" keystores are.
    const { pbkdf2Sync, createCipheriv } = await import("node:crypto");
    const { keccak256, concat } = await import("viem");
    const salt = Buffer.alloc(32, 1), iv = Buffer.alloc(16, 2);
    const derived = pbkdf2Sync("pw", salt, 1000, 32, "sha256");
    const c = createCipheriv("aes-128-ctr", derived.subarray(0, 16), iv);
    const ciphertext = Buffer.concat([c.update(Buffer.from(KEY.slice(2), "hex")), c.final()]);
    const ks = {
      version: 3, id: "x", address: new Wallet(KEY).address.slice(2).toLowerCase(),
      crypto: { cipher: "aes-128-ctr", cipherparams: { iv: iv.toString("hex") }, ciphertext: ciphertext.toString("hex"), kdf: "pbkdf2",
        kdfparams: { c: 1000, dklen: 32, prf: "hmac-sha256", salt: salt.toString("hex") }, mac: keccak256(concat([derived.subarray(16), ciphertext])).slice(2) },
    };
    assert.equal(await decryptKeystore(JSON.stringify(ks), "pw"), KEY);
  });

  it("loads an account from a keystore file + password file, or from a development key in the environment", async () => {
    const path = join(dir, "signer.json");
    await writeFile(path, JSON.stringify(await encryptKeystore(KEY, "s3cret", FAST)));
    await writeFile(join(dir, "pw"), "s3cret\n");
    const expected = new Wallet(KEY).address;
    assert.equal((await loadAccount({ keystorePath: path, passwordFile: join(dir, "pw") })).address, expected);
    assert.equal((await loadAccountFromEnv("ORACLE_SIGNER", { ORACLE_SIGNER_KEYSTORE: path, ORACLE_SIGNER_PASSWORD: "s3cret" })).address, expected);
    assert.equal((await loadAccountFromEnv("ORACLE_SIGNER", { ORACLE_SIGNER_PRIVATE_KEY: KEY })).address, expected);
    await assert.rejects(loadAccountFromEnv("ORACLE_RELAYER", {}), (e: unknown) => e instanceof SignerKeyError && /No ORACLE_RELAYER key configured/.test(e.message));
    await assert.rejects(loadAccountFromEnv("ORACLE_SIGNER", { ORACLE_SIGNER_PRIVATE_KEY: "0x1234" }), SignerKeyError);
    await assert.rejects(loadAccountFromEnv("ORACLE_SIGNER", { ORACLE_SIGNER_KEYSTORE: path }), /No password/);
    await assert.rejects(loadAccount({ keystorePath: join(dir, "absent.json"), password: "x" }), /Cannot read/);
  });
});
