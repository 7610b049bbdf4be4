// Passphrase keystore for server reader keys (committee members, the consumer's backend): the
// private key is only ever written encrypted. scrypt turns the passphrase into 64 bytes: the
// first 32 encrypt the key (XChaCha20-Poly1305), the last 32 make a passphrase check, so a wrong
// passphrase and a damaged file give different errors. Works in Node and browsers; files.ts
// reads and writes keystore files.
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { x25519 } from "@noble/curves/ed25519.js";
import { hmac } from "@noble/hashes/hmac.js";
import { scryptAsync } from "@noble/hashes/scrypt.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { constantTimeEqual, parseHex, randomBytes, toHex, utf8, type Hex, type RandomSource } from "./bytes.ts";
import { KeystoreError } from "./errors.ts";
import { readerKeyFromPrivateKey, type ReaderKeyPair } from "./reader-key.ts";

export const KEYSTORE_SCHEMA = "1tt/keystore@1";
/** scrypt N: 2^17 with r = 8 takes 128 MiB and about a second; the floor and ceiling bound what a file may ask. */
export const DEFAULT_SCRYPT_LOG_N = 17;
const MIN_LOG_N = 10;
const MAX_LOG_N = 20;

export interface Keystore {
  schema: typeof KEYSTORE_SCHEMA;
  /** Free text to tell keystores apart, e.g. "committee member 0x12…"; authenticated. */
  label: string;
  publicKey: Hex;
  kdf: { name: "scrypt"; N: number; r: number; p: number; salt: Hex };
  cipher: { name: "xchacha20-poly1305"; nonce: Hex };
  /** HMAC-SHA256 under the second half of the scrypt output: tells a wrong passphrase apart. */
  passphraseCheck: Hex;
  /** The encrypted 32-byte private key and its tag. */
  ciphertext: Hex;
}

export interface KeystoreOptions {
  label?: string;
  /** log2 of scrypt's N, default 17. Tests use 10. */
  scryptLogN?: number;
  random?: RandomSource;
}

export async function encryptKeystore(keyPair: ReaderKeyPair, passphrase: string, options: KeystoreOptions = {}): Promise<Keystore> {
  const logN = options.scryptLogN ?? DEFAULT_SCRYPT_LOG_N;
  if (!Number.isInteger(logN) || logN < MIN_LOG_N || logN > MAX_LOG_N) throw new RangeError(`scryptLogN must be ${MIN_LOG_N}..${MAX_LOG_N}.`);
  if (typeof passphrase !== "string" || passphrase.length === 0) throw new TypeError("The passphrase must be a non-empty string.");
  const random = options.random ?? randomBytes;
  const { publicKey } = readerKeyFromPrivateKey(keyPair.privateKey);
  const header = {
    schema: KEYSTORE_SCHEMA as typeof KEYSTORE_SCHEMA,
    label: options.label ?? "",
    publicKey: toHex(publicKey),
    kdf: { name: "scrypt" as const, N: 2 ** logN, r: 8, p: 1, salt: toHex(random(32)) },
    cipher: { name: "xchacha20-poly1305" as const, nonce: toHex(random(24)) },
  };
  const { encryptionKey, check } = await stretch(passphrase, header.kdf);
  const ciphertext = xchacha20poly1305(encryptionKey, parseHex(header.cipher.nonce)!, associatedData(header)).encrypt(keyPair.privateKey);
  encryptionKey.fill(0);
  return { ...header, passphraseCheck: toHex(check), ciphertext: toHex(ciphertext) };
}

/** The key pair inside a keystore (a parsed JSON value). */
export async function decryptKeystore(value: unknown, passphrase: string): Promise<ReaderKeyPair> {
  const keystore = parseKeystore(value);
  const { encryptionKey, check } = await stretch(passphrase, keystore.kdf);
  if (!constantTimeEqual(check, parseHex(keystore.passphraseCheck, 32)!)) {
    throw new KeystoreError("wrong_passphrase", "The passphrase does not open this keystore.", {
      details: keystore.label ? `Keystore "${keystore.label}", public key ${keystore.publicKey}.` : `Public key ${keystore.publicKey}.`,
      hint: "Enter the passphrase this keystore was created with (it is case- and space-sensitive).",
    });
  }
  let privateKey: Uint8Array;
  try {
    privateKey = xchacha20poly1305(encryptionKey, parseHex(keystore.cipher.nonce, 24)!, associatedData(keystore)).decrypt(
      parseHex(keystore.ciphertext, 48)!,
    );
  } catch {
    throw damaged("The passphrase is right but the encrypted key or its label or public key was altered.");
  } finally {
    encryptionKey.fill(0);
  }
  if (!constantTimeEqual(x25519.getPublicKey(privateKey), parseHex(keystore.publicKey, 32)!)) {
    throw damaged("The decrypted key does not match the public key in the file.");
  }
  return readerKeyFromPrivateKey(privateKey);
}

/** Checks the shape of a parsed keystore JSON value. */
export function parseKeystore(value: unknown): Keystore {
  if (typeof value !== "object" || value === null) throw damaged("The file is not a JSON object.");
  const k = value as Record<string, unknown>;
  if (k.schema !== KEYSTORE_SCHEMA) {
    if (typeof k.schema === "string" && k.schema.startsWith("1tt/keystore@")) {
      throw new KeystoreError("unsupported", `Keystore schema ${k.schema} is not supported.`, { hint: "Update 1TT." });
    }
    throw damaged(`schema is ${JSON.stringify(k.schema)}, not "${KEYSTORE_SCHEMA}".`);
  }
  const kdf = k.kdf as Record<string, unknown> | undefined;
  const cipher = k.cipher as Record<string, unknown> | undefined;
  if (kdf?.name !== "scrypt" || cipher?.name !== "xchacha20-poly1305") {
    throw new KeystoreError("unsupported", "The keystore uses an algorithm this library does not know.", {
      details: `kdf ${JSON.stringify(kdf?.name)}, cipher ${JSON.stringify(cipher?.name)}.`,
    });
  }
  const N = kdf.N as number;
  if (!Number.isInteger(N) || N < 2 ** MIN_LOG_N || N > 2 ** MAX_LOG_N || (N & (N - 1)) !== 0 || kdf.r !== 8 || kdf.p !== 1) {
    throw damaged(`scrypt parameters N=${String(kdf.N)}, r=${String(kdf.r)}, p=${String(kdf.p)} are out of range.`);
  }
  if (!parseHex(kdf.salt, 32) || !parseHex(cipher.nonce, 24)) throw damaged("salt or nonce is not hex of the right length.");
  if (!parseHex(k.publicKey, 32) || !parseHex(k.passphraseCheck, 32) || !parseHex(k.ciphertext, 48)) {
    throw damaged("publicKey, passphraseCheck or ciphertext is not hex of the right length.");
  }
  if (typeof k.label !== "string") throw damaged("label is missing.");
  return k as unknown as Keystore;
}

async function stretch(passphrase: string, kdf: Keystore["kdf"]) {
  // NFKC, so the same passphrase typed on different keyboards or systems gives the same bytes.
  const out = await scryptAsync(utf8(passphrase.normalize("NFKC")), parseHex(kdf.salt)!, { N: kdf.N, r: kdf.r, p: kdf.p, dkLen: 64 });
  const check = hmac(sha256, out.subarray(32), utf8("1tt/keystore@1 passphrase check"));
  const encryptionKey = out.slice(0, 32);
  out.fill(0);
  return { encryptionKey, check };
}

/** Everything but the secret, canonical: editing the label, the public key or a parameter fails the tag. */
function associatedData(k: Pick<Keystore, "schema" | "label" | "publicKey" | "kdf" | "cipher">): Uint8Array {
  return utf8(
    JSON.stringify([k.schema, k.label, k.publicKey.toLowerCase(), k.kdf.name, k.kdf.N, k.kdf.r, k.kdf.p, k.kdf.salt.toLowerCase(), k.cipher.name, k.cipher.nonce.toLowerCase()]),
  );
}

function damaged(details: string): KeystoreError {
  return new KeystoreError("damaged", "The keystore is damaged.", {
    details,
    hint: "Restore the keystore file from your backup; the key cannot be recovered from a damaged file.",
  });
}
