// Reader keys for wallet users, derived from a wallet signature so that the wallet is all a
// user needs: sign the fixed message below (EIP-191 personal_sign) and the signature, through
// HKDF, gives the same X25519 key every time. README.md, "Wallet-derived reader keys", explains
// the choices and the limits (deterministic signatures, smart-contract wallets).
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { parseHex, utf8, type Hex } from "./bytes.ts";
import { ReaderKeyError } from "./errors.ts";
import { readerKeyFromPrivateKey, type ReaderKeyPair } from "./reader-key.ts";

export interface ReaderKeyMessageParameters {
  /** EIP-155 chain id of the program's network. */
  chainId: number | bigint;
  /** The program: its RevenueSplitter contract address. */
  program: string;
  /** The wallet account that signs (the contributor's or consumer's address). */
  account: string;
  /**
   * Key generation, default 1. Raising it gives a new, unrelated key: how a wallet user rotates
   * after a leak without changing account (the dApp publishes the generation with the public key).
   */
  generation?: number;
}

const FIRST_LINE = "1TT reader key v1";

/**
 * The exact text to sign with personal_sign. Every input is normalised (decimal chain id,
 * lowercase addresses) so the same program and account always give the same message.
 */
export function readerKeyMessage({ chainId, program, account, generation = 1 }: ReaderKeyMessageParameters): string {
  const chain = typeof chainId === "bigint" ? chainId : BigInt(Number.isSafeInteger(chainId) ? chainId : -1);
  if (chain <= 0n) {
    throw new ReaderKeyError("bad_parameters", `chainId must be a positive integer, got ${String(chainId)}.`, {
      hint: "Pass the EIP-155 chain id of the program's network (e.g. 8453 for Base).",
    });
  }
  if (!Number.isSafeInteger(generation) || generation < 1) {
    throw new ReaderKeyError("bad_parameters", `generation must be a positive integer, got ${String(generation)}.`);
  }
  return [
    FIRST_LINE,
    "",
    "Signing this message creates the key that decrypts your confidential data in the 1TT program below.",
    "It is not a transaction and costs nothing.",
    "",
    "Anyone who obtains this signature can read that data. Sign it only in a 1TT app you trust, and never send or paste the signature anywhere.",
    "",
    `chain: ${chain}`,
    `program: ${address(program, "program")}`,
    `account: ${address(account, "account")}`,
    `key generation: ${generation}`,
  ].join("\n");
}

// secp256k1 group order; a signature (r, s) and (r, n − s) are both valid, so s is taken low.
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * The reader key pair derived from a 65-byte personal_sign signature (r ‖ s ‖ v, hex or bytes)
 * of `readerKeyMessage(...)`. The signature is put in canonical form first (low s, v = 27/28),
 * so a wallet that returns the high-s twin or v = 0/1 still gives the same key.
 */
export function readerKeyFromSignature(signature: Hex | string | Uint8Array): ReaderKeyPair {
  const bytes = typeof signature === "string" ? parseHex(signature) : signature;
  if (!(bytes instanceof Uint8Array) || bytes.byteLength !== 65) {
    throw new ReaderKeyError("bad_signature", "A reader key needs a 65-byte ECDSA signature (r, s, v).", {
      details:
        bytes instanceof Uint8Array
          ? `Got ${bytes.byteLength} bytes; smart-contract wallets (ERC-1271) and passkey wallets return other signatures.`
          : "The value is not hex or bytes.",
      hint: "Sign with an externally owned account, or use a generated reader key kept in a passphrase keystore instead.",
    });
  }
  const r = toBigInt(bytes.subarray(0, 32));
  let s = toBigInt(bytes.subarray(32, 64));
  const v = bytes[64];
  if (r === 0n || r >= N || s === 0n || s >= N || ![0, 1, 27, 28].includes(v)) {
    throw new ReaderKeyError("bad_signature", "The signature is not a valid secp256k1 signature.", {
      details: "r and s must lie in 1..n−1 and v must be 0, 1, 27 or 28.",
    });
  }
  let parity = v % 27 === 0 ? 0 : 1; // 0 and 27 → 0; 1 and 28 → 1
  if (s > N / 2n) {
    s = N - s;
    parity ^= 1;
  }
  const canonical = new Uint8Array(65);
  canonical.set(fromBigInt(r), 0);
  canonical.set(fromBigInt(s), 32);
  canonical[64] = 27 + parity;
  const privateKey = hkdf(sha256, canonical, utf8("1tt/reader-key@1"), utf8("x25519 private key"), 32);
  canonical.fill(0);
  return readerKeyFromPrivateKey(privateKey);
}

function address(value: string, what: string): string {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(value)) {
    throw new ReaderKeyError("bad_parameters", `${what} must be a 20-byte 0x address, got ${JSON.stringify(value)}.`);
  }
  return value.toLowerCase();
}

const toBigInt = (bytes: Uint8Array): bigint => BigInt(`0x${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`);

function fromBigInt(value: bigint): Uint8Array {
  const hex = value.toString(16).padStart(64, "0");
  return Uint8Array.from({ length: 32 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

/** Anything that signs EIP-191 messages for an address: a viem account, a wallet client bound to one. */
export interface MessageSigner {
  address: string;
  signMessage(args: { message: string }): Promise<Hex | string>;
}

/** The reader key of `signer` in `program`: its signature over readerKeyMessage, derived. */
export async function readerKeyFromWallet(signer: MessageSigner, { chainId, program, generation }: Omit<ReaderKeyMessageParameters, "account">): Promise<ReaderKeyPair> {
  const signature = await signer.signMessage({ message: readerKeyMessage({ chainId, program, account: signer.address, generation }) });
  return readerKeyFromSignature(signature);
}
