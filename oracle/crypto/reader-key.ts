// Reader keys: X25519 key pairs. A reader's public key is published (in the chain's
// ReaderKeyRegistry: a program's consumers and auditors, each committee member's beside its signer
// address; a contributor's with the oracle); data keys are wrapped to it.
import { x25519 } from "@noble/curves/ed25519.js";
import { keyBytes, randomBytes, toHex, type Hex, type RandomSource } from "./bytes.ts";

export interface ReaderKeyPair {
  /** 32 bytes; keep it secret (wallet users re-derive it, servers keep it in a keystore). */
  privateKey: Uint8Array;
  /** 32 bytes; publish it. */
  publicKey: Uint8Array;
}

/** A fresh random reader key (servers: committee members, the consumer's backend). */
export function generateReaderKey(random: RandomSource = randomBytes): ReaderKeyPair {
  return readerKeyFromPrivateKey(random(32));
}

/** The key pair of a 32-byte X25519 private key. */
export function readerKeyFromPrivateKey(privateKey: Uint8Array | string): ReaderKeyPair {
  const secret = keyBytes(privateKey, 32, "A reader private key").slice();
  return { privateKey: secret, publicKey: x25519.getPublicKey(secret) };
}

/** The public key as published: 0x-hex of 32 bytes (a bytes32 on chain). */
export const encodePublicKey = (publicKey: Uint8Array): Hex => toHex(keyBytes(publicKey, 32, "A reader public key"));
