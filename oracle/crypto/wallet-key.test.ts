import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { privateKeyToAccount } from "viem/accounts";
import { ReaderKeyError } from "./errors.ts";
import { createKeyEnvelope, openKeyEnvelope } from "./key-envelope.ts";
import { generateDataKey } from "./stream-format.ts";
import { readerKeyFromSignature, readerKeyMessage } from "./wallet-key.ts";

// Hardhat's first two default accounts.
const alice = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const bob = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const PROGRAM = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const OTHER_PROGRAM = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";

const sign = (account: typeof alice, chainId: number, program: string) =>
  account.signMessage({ message: readerKeyMessage({ chainId, program, account: account.address }) });
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("wallet-derived reader keys", () => {
  it("signs this exact message (the format is part of the protocol)", () => {
    assert.equal(
      readerKeyMessage({ chainId: 8453, program: PROGRAM, account: alice.address }),
      [
        "1TT reader key v1",
        "",
        "Signing this message creates the key that decrypts your confidential data in the 1TT program below.",
        "It is not a transaction and costs nothing.",
        "",
        "Anyone who obtains this signature can read that data. Sign it only in a 1TT app you trust, and never send or paste the signature anywhere.",
        "",
        "chain: 8453",
        "program: 0x5fbdb2315678afecb367f032d93f642f64180aa3",
        "account: 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
        "key generation: 1",
      ].join("\n"),
    );
    assert.equal(
      readerKeyMessage({ chainId: 8453n, program: PROGRAM.toLowerCase(), account: alice.address.toUpperCase().replace("0X", "0x") }),
      readerKeyMessage({ chainId: 8453, program: PROGRAM, account: alice.address }),
    );
  });

  it("gives the same key for the same wallet, chain and program, every time", async () => {
    const first = await sign(alice, 31337, PROGRAM);
    const second = await sign(alice, 31337, PROGRAM);
    assert.equal(first, second, "viem signs deterministically (RFC 6979)");
    assert.deepEqual(readerKeyFromSignature(first), readerKeyFromSignature(second));
    assert.equal(readerKeyFromSignature(first).privateKey.byteLength, 32);
  });

  it("gives different keys across programs, chains, accounts and key generations", async () => {
    const message = readerKeyMessage({ chainId: 31337, program: PROGRAM, account: alice.address, generation: 2 });
    const keys = [
      await alice.signMessage({ message }),
      await sign(alice, 31337, PROGRAM),
      await sign(alice, 31337, OTHER_PROGRAM),
      await sign(alice, 8453, PROGRAM),
      await sign(bob, 31337, PROGRAM),
    ].map((s) => hex(readerKeyFromSignature(s).publicKey));
    assert.equal(new Set(keys).size, 5);
  });

  it("gives the same key for the high-s twin of the signature and for v = 0/1", async () => {
    const signature = Buffer.from((await sign(alice, 31337, PROGRAM)).slice(2), "hex");
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const s = BigInt(`0x${signature.subarray(32, 64).toString("hex")}`);
    const twin = Buffer.from(signature);
    twin.set(Buffer.from((n - s).toString(16).padStart(64, "0"), "hex"), 32);
    twin[64] = signature[64] === 27 ? 28 : 27;
    const zeroOne = Buffer.from(signature);
    zeroOne[64] -= 27;
    const expected = hex(readerKeyFromSignature(signature).publicKey);
    assert.equal(hex(readerKeyFromSignature(twin).publicKey), expected);
    assert.equal(hex(readerKeyFromSignature(zeroOne).publicKey), expected);
    assert.equal(hex(readerKeyFromSignature(`0x${signature.toString("hex")}`).publicKey), expected);
  });

  it("opens a key envelope made for the wallet's public key", async () => {
    const reader = readerKeyFromSignature(await sign(alice, 31337, PROGRAM));
    const dataKey = generateDataKey();
    const envelope = createKeyEnvelope(dataKey, [{ role: "contributor", publicKey: reader.publicKey }], "test");
    const again = readerKeyFromSignature(await sign(alice, 31337, PROGRAM));
    assert.deepEqual(openKeyEnvelope(envelope, again.privateKey), dataKey);
  });

  it("refuses signatures that are not 65-byte ECDSA (e.g. a smart-contract wallet's) and bad parameters", () => {
    const bad = (value: string | Uint8Array, code: string) =>
      assert.throws(() => readerKeyFromSignature(value), (e: unknown) => e instanceof ReaderKeyError && e.code === code);
    bad(`0x${"11".repeat(64)}`, "bad_signature");
    bad(`0x${"11".repeat(200)}`, "bad_signature");
    bad(`0x${"00".repeat(64)}1b`, "bad_signature"); // r = s = 0
    bad(`0x${"11".repeat(64)}05`, "bad_signature"); // v = 5
    bad("not hex", "bad_signature");
    const param = (fn: () => unknown) => assert.throws(fn, (e: unknown) => e instanceof ReaderKeyError && e.code === "bad_parameters");
    param(() => readerKeyMessage({ chainId: 0, program: PROGRAM, account: alice.address }));
    param(() => readerKeyMessage({ chainId: 1.5, program: PROGRAM, account: alice.address }));
    param(() => readerKeyMessage({ chainId: 1, program: "0x1234", account: alice.address }));
    param(() => readerKeyMessage({ chainId: 1, program: PROGRAM, account: alice.address, generation: 0 }));
    param(() => readerKeyMessage({ chainId: 1, program: PROGRAM, account: `${alice.address}\nchain: 2` }));
  });
});
