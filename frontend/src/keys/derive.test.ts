// Reader keys from a wallet signature (twice the first time, refused when the two differ), from
// a keystore file, and the in-memory store that holds them per program and account.
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToHex, hashMessage, hexToBytes, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { KeystoreError, encodePublicKey, encryptKeystore, generateReaderKey, readerKeyFromSignature, readerKeyMessage } from "../../../oracle/crypto/index.ts";
import { UnstableSignatureError, deriveWalletReaderKey, openKeystoreText } from "./derive.ts";
import { forgetAll, heldKey, holdKey, isPending, noteAccount, obtainKey, type HeldReaderKey } from "./reader-key-store.ts";

const PRIVATE_KEY: Hex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const account = privateKeyToAccount(PRIVATE_KEY);
const PROGRAM = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/** A wallet with random ECDSA nonces (as MPC wallets sign): a valid signature, different each time. */
async function randomNonceSign(message: string): Promise<string> {
  const signature = secp256k1.sign(hexToBytes(hashMessage(message)), hexToBytes(PRIVATE_KEY), { extraEntropy: true });
  return `${bytesToHex(signature.toCompactRawBytes())}${(27 + signature.recovery).toString(16)}`;
}

describe("wallet-derived reader keys", () => {
  it("signs the program's key message twice when confirming and gives the key of that signature", async () => {
    const signed: string[] = [];
    const steps: string[] = [];
    const key = await deriveWalletReaderKey({
      chainId: 31337,
      program: PROGRAM,
      account: account.address,
      sign: async (message) => {
        signed.push(message);
        return account.signMessage({ message });
      },
      confirm: true,
      onSignature: (index, of) => steps.push(`${index}/${of}`),
    });
    const message = readerKeyMessage({ chainId: 31337, program: PROGRAM, account: account.address });
    expect(signed).toEqual([message, message]);
    expect(steps).toEqual(["1/2", "2/2"]);
    const expected = readerKeyFromSignature(await account.signMessage({ message }));
    expect(key.publicKey).toBe(encodePublicKey(expected.publicKey));
    expect(key.pair.privateKey).toEqual(expected.privateKey);
    expect(key.source).toBe("wallet");
  });

  it("signs once when the wallet was already found deterministic", async () => {
    let count = 0;
    await deriveWalletReaderKey({ chainId: 31337, program: PROGRAM, account: account.address, sign: (message) => (count++, account.signMessage({ message })), confirm: false });
    expect(count).toBe(1);
  });

  it("refuses a wallet whose two signatures differ", async () => {
    const a = await randomNonceSign("x");
    const b = await randomNonceSign("x");
    expect(a).not.toBe(b); // the stand-in really signs with random nonces
    await expect(
      deriveWalletReaderKey({ chainId: 31337, program: PROGRAM, account: account.address, sign: randomNonceSign, confirm: true }),
    ).rejects.toBeInstanceOf(UnstableSignatureError);
  });

  it("refuses a signature that is not a 65-byte ECDSA signature (smart-contract wallets)", async () => {
    await expect(
      deriveWalletReaderKey({ chainId: 31337, program: PROGRAM, account: account.address, sign: async () => `0x${"11".repeat(96)}`, confirm: false }),
    ).rejects.toMatchObject({ name: "ReaderKeyError", code: "bad_signature" });
  });
});

describe("keystore files", () => {
  it("opens a 1tt/keystore@1 file with its passphrase", async () => {
    const pair = generateReaderKey();
    const keystore = await encryptKeystore(pair, "correct horse", { label: "consumer backend", scryptLogN: 10 });
    const key = await openKeystoreText(JSON.stringify(keystore), "correct horse");
    expect(key.publicKey).toBe(encodePublicKey(pair.publicKey));
    expect(key.pair.privateKey).toEqual(pair.privateKey);
    expect(key).toMatchObject({ source: "keystore", label: "consumer backend" });
  });

  it("says which is wrong: the passphrase, or the file", async () => {
    const keystore = await encryptKeystore(generateReaderKey(), "correct horse", { scryptLogN: 10 });
    await expect(openKeystoreText(JSON.stringify(keystore), "wrong")).rejects.toMatchObject({ code: "wrong_passphrase" });
    await expect(openKeystoreText(JSON.stringify({ ...keystore, schema: "other" }), "correct horse")).rejects.toBeInstanceOf(KeystoreError);
    await expect(openKeystoreText("not json", "x")).rejects.toThrow("it is not JSON");
  });
});

describe("the in-memory key store", () => {
  const slot = { chainId: 31337, program: PROGRAM, account: account.address };
  const someKey = (): HeldReaderKey => {
    const pair = generateReaderKey();
    return { pair, publicKey: encodePublicKey(pair.publicKey), source: "wallet" };
  };

  it("asks once for concurrent callers and keeps the key per program and account", async () => {
    forgetAll();
    noteAccount(account.address);
    let made = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const make = async () => {
      made++;
      await gate;
      return someKey();
    };
    const first = obtainKey(slot, make);
    const second = obtainKey({ ...slot, program: PROGRAM.toLowerCase(), account: account.address.toLowerCase() }, make);
    expect(isPending(slot)).toBe(true);
    release();
    expect(await first).toBe(await second);
    expect(made).toBe(1);
    expect(heldKey(slot)).toBe(await first);
    expect(heldKey({ ...slot, chainId: 8453 })).toBeUndefined();
    expect(heldKey({ ...slot, program: "0x0000000000000000000000000000000000000001" })).toBeUndefined();
  });

  it("forgets and zeroes every key when the account changes or disconnects", () => {
    forgetAll();
    noteAccount(account.address);
    const key = holdKey(slot, someKey());
    noteAccount(account.address);
    expect(heldKey(slot)).toBe(key);
    noteAccount(undefined);
    expect(heldKey(slot)).toBeUndefined();
    expect(key.pair.privateKey.every((b) => b === 0)).toBe(true);
  });

  it("drops a key whose derivation finishes after the account changed", async () => {
    forgetAll();
    noteAccount(account.address);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = obtainKey(slot, async () => (await gate, someKey()));
    noteAccount("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    release();
    await running;
    expect(heldKey(slot)).toBeUndefined();
    expect(isPending(slot)).toBe(false);
  });
});
