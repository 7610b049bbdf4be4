// Signer and relayer keys. Keys are never in the repository: in production a key lives in an
// encrypted JSON keystore (Web3 Secret Storage v3, the format geth, Foundry's `cast wallet` and
// ethers write and read), in development it may come from an environment variable.
//
// Format: scrypt (or pbkdf2-hmac-sha256) derives 32 bytes from the password; the first 16 are the
// AES-128-CTR key of the private key, the last 16 authenticate it with
// mac = keccak256(derived[16..32] ‖ ciphertext). The primitives are node:crypto's (OpenSSL's
// scrypt is about 5× faster than a JS one at the standard N = 2^18) and viem's keccak256.
import { createCipheriv, createDecipheriv, pbkdf2, randomBytes, randomUUID, scrypt, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { bytesToHex, concat, hexToBytes, isHex, keccak256, type Hex } from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { SignerKeyError } from "./errors.ts";

const scryptAsync = promisify(scrypt) as (password: Uint8Array, salt: Uint8Array, keylen: number, options: object) => Promise<Buffer>;
const pbkdf2Async = promisify(pbkdf2);

export interface KeystoreV3 {
  version: 3;
  id: string;
  address: string;
  crypto: {
    cipher: "aes-128-ctr";
    cipherparams: { iv: string };
    ciphertext: string;
    kdf: "scrypt" | "pbkdf2";
    kdfparams:
      | { dklen: number; n: number; r: number; p: number; salt: string }
      | { dklen: number; c: number; prf: "hmac-sha256"; salt: string };
    mac: string;
  };
}

/** Cost parameters of a new keystore. The default is geth's "standard" (N = 2^18, about 0.5 s and 256 MiB). */
export interface ScryptParams {
  n: number;
  r: number;
  p: number;
}
export const STANDARD_SCRYPT: ScryptParams = { n: 1 << 18, r: 8, p: 1 };

const strip = (hex: string) => hex.replace(/^0x/i, "").toLowerCase();
const bytes = (hex: string, field: string): Buffer => {
  if (!/^(0x)?([0-9a-fA-F]{2})*$/.test(hex)) throw new SignerKeyError(`Keystore field ${field} is not hex.`);
  return Buffer.from(strip(hex), "hex");
};

async function deriveKey(password: string, kdf: KeystoreV3["crypto"]["kdf"], params: Record<string, unknown>): Promise<Buffer> {
  const pw = new TextEncoder().encode(password.normalize("NFKC"));
  const salt = bytes(String(params.salt ?? ""), "crypto.kdfparams.salt");
  const dklen = Number(params.dklen);
  if (dklen !== 32) throw new SignerKeyError(`Keystore dklen ${params.dklen} is not supported (32 is).`);
  if (kdf === "scrypt") {
    const n = Number(params.n), r = Number(params.r), p = Number(params.p);
    if (!Number.isInteger(n) || n < 2 || (n & (n - 1)) !== 0 || !(r > 0) || !(p > 0)) {
      throw new SignerKeyError("Keystore scrypt parameters are invalid.", { details: `n=${params.n} r=${params.r} p=${params.p}` });
    }
    return scryptAsync(pw, salt, dklen, { N: n, r, p, maxmem: 256 * n * r * p + (1 << 20) });
  }
  if (kdf === "pbkdf2") {
    if (params.prf !== "hmac-sha256") throw new SignerKeyError(`Keystore prf ${String(params.prf)} is not supported (hmac-sha256 is).`);
    return pbkdf2Async(pw, salt, Number(params.c), dklen, "sha256");
  }
  throw new SignerKeyError(`Keystore kdf ${String(kdf)} is not supported (scrypt and pbkdf2 are).`);
}

/** Encrypts a private key into a Web3 Secret Storage v3 keystore. */
export async function encryptKeystore(privateKey: Hex, password: string, scryptParams: ScryptParams = STANDARD_SCRYPT): Promise<KeystoreV3> {
  const account = privateKeyToAccount(privateKey);
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const kdfparams = { dklen: 32, n: scryptParams.n, r: scryptParams.r, p: scryptParams.p, salt: salt.toString("hex") };
  const derived = await deriveKey(password, "scrypt", kdfparams);
  const cipher = createCipheriv("aes-128-ctr", derived.subarray(0, 16), iv);
  const ciphertext = Buffer.concat([cipher.update(hexToBytes(privateKey)), cipher.final()]);
  return {
    version: 3,
    id: randomUUID(),
    address: strip(account.address),
    crypto: {
      cipher: "aes-128-ctr",
      cipherparams: { iv: iv.toString("hex") },
      ciphertext: ciphertext.toString("hex"),
      kdf: "scrypt",
      kdfparams,
      mac: strip(keccak256(concat([derived.subarray(16, 32), ciphertext]))),
    },
  };
}

/** The private key in a v3 keystore (a JSON string or the parsed object). Throws SignerKeyError on a wrong password. */
export async function decryptKeystore(keystore: string | KeystoreV3, password: string): Promise<Hex> {
  let ks: KeystoreV3;
  try {
    ks = typeof keystore === "string" ? (JSON.parse(keystore) as KeystoreV3) : keystore;
  } catch (cause) {
    throw new SignerKeyError("The keystore is not JSON.", { cause });
  }
  const c = (ks as { crypto?: KeystoreV3["crypto"]; Crypto?: KeystoreV3["crypto"] }).crypto ?? (ks as { Crypto?: KeystoreV3["crypto"] }).Crypto;
  if (ks?.version !== 3 || !c) throw new SignerKeyError("Not a version 3 keystore (Web3 Secret Storage).");
  if (c.cipher !== "aes-128-ctr") throw new SignerKeyError(`Keystore cipher ${c.cipher} is not supported (aes-128-ctr is).`);
  const derived = await deriveKey(password, c.kdf, c.kdfparams as Record<string, unknown>);
  const ciphertext = bytes(c.ciphertext, "crypto.ciphertext");
  const mac = hexToBytes(keccak256(concat([derived.subarray(16, 32), ciphertext])));
  const expected = bytes(c.mac, "crypto.mac");
  if (expected.length !== mac.length || !timingSafeEqual(expected, mac)) {
    throw new SignerKeyError("Wrong keystore password (or a corrupted keystore).", {
      hint: "Check the password file or ORACLE_*_PASSWORD; the keystore itself is not changed.",
    });
  }
  const decipher = createDecipheriv("aes-128-ctr", derived.subarray(0, 16), bytes(c.cipherparams.iv, "crypto.cipherparams.iv"));
  const key = bytesToHex(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
  if (ks.address && strip(privateKeyToAccount(key).address) !== strip(ks.address)) {
    throw new SignerKeyError("The keystore's key does not belong to its address field.", { details: `address field ${ks.address}` });
  }
  return key;
}

export interface LoadAccountParameters {
  /** Path of a v3 keystore file. */
  keystorePath?: string;
  /** Its password, or… */
  password?: string;
  /** …a file holding it (trailing newline ignored). */
  passwordFile?: string;
  /** A raw private key (development only). */
  privateKey?: string;
  /** Names the key in errors, e.g. "signer" or "relayer". */
  role?: string;
}

/** A viem local account from a keystore (preferred) or a raw private key. */
export async function loadAccount(p: LoadAccountParameters): Promise<PrivateKeyAccount> {
  const role = p.role ?? "signer";
  if (p.keystorePath) {
    let password = p.password;
    if (password === undefined && p.passwordFile) password = (await readFile(p.passwordFile, "utf8")).replace(/\r?\n$/, "");
    if (password === undefined) {
      throw new SignerKeyError(`No password for the ${role} keystore ${p.keystorePath}.`, { hint: "Set the password or a password file." });
    }
    let json: string;
    try {
      json = await readFile(p.keystorePath, "utf8");
    } catch (cause) {
      throw new SignerKeyError(`Cannot read the ${role} keystore ${p.keystorePath}.`, { cause, details: (cause as Error).message });
    }
    return privateKeyToAccount(await decryptKeystore(json, password));
  }
  if (p.privateKey) {
    const key = p.privateKey.trim();
    if (!isHex(key) || key.length !== 66) throw new SignerKeyError(`The ${role} private key is not 32 bytes of 0x-prefixed hex.`);
    return privateKeyToAccount(key);
  }
  throw new SignerKeyError(`No ${role} key configured.`, {
    hint: "Point …_KEYSTORE at a v3 keystore (with …_PASSWORD or …_PASSWORD_FILE), or for development set …_PRIVATE_KEY.",
  });
}

/**
 * The account named by environment variables with `prefix` (e.g. ORACLE_SIGNER or
 * ORACLE_RELAYER): `${prefix}_KEYSTORE` + `${prefix}_PASSWORD` or `${prefix}_PASSWORD_FILE`, or
 * `${prefix}_PRIVATE_KEY` for development. A keystore wins when both are set.
 */
export function loadAccountFromEnv(prefix: string, env: Record<string, string | undefined> = process.env): Promise<PrivateKeyAccount> {
  return loadAccount({
    keystorePath: env[`${prefix}_KEYSTORE`] || undefined,
    password: env[`${prefix}_PASSWORD`],
    passwordFile: env[`${prefix}_PASSWORD_FILE`] || undefined,
    privateKey: env[`${prefix}_PRIVATE_KEY`] || undefined,
    role: prefix,
  });
}
