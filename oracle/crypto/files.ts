// Node-only helpers: encrypt and decrypt files to files, streaming, and keystore files. The
// output appears under its name only when complete and verified; until then it is a temporary
// file beside it, removed on failure.
import { createCipheriv, createDecipheriv, createHash, randomBytes as nodeRandomBytes } from "node:crypto";
import { hchacha } from "@noble/ciphers/chacha.js";
import { createReadStream, createWriteStream } from "node:fs";
import { link, readFile, rename, rm, writeFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ByteSource, Sha256Factory, XChaChaFactory } from "./bytes.ts";
import { decryptStream, type DecryptOptions } from "./decrypt-stream.ts";
import { encryptStream, type EncryptOptions, type StreamSummary } from "./encrypt-stream.ts";
import { KeystoreError } from "./errors.ts";
import { decryptKeystore, type Keystore } from "./keystore.ts";
import type { ReaderKeyPair } from "./reader-key.ts";

/** node:crypto's native sha256 for the plaintext commitment: same digest, several times faster than JS. */
export const nodeSha256: Sha256Factory = () => createHash("sha256");

// "expand 32-byte k", the ChaCha constants, as little-endian words.
const SIGMA = new Uint32Array([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);

/** Little-endian 32-bit words of `bytes` (a copy: the input need not be aligned). */
function words(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getUint32(4 * i, true));
}

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03) on node:crypto's native ChaCha20-Poly1305: the
 * subkey is HChaCha20(key, nonce[0..16]) (@noble/ciphers' hchacha), the 12-byte nonce is four
 * zero bytes and nonce[16..24]. The same bytes as @noble/ciphers' xchacha20poly1305 (the tests
 * compare them), several times faster; pass it as `xchacha` to encryptStream / decryptStream.
 */
export const nodeXChaCha20Poly1305: XChaChaFactory = (key, nonce, aad) => {
  if (key.byteLength !== 32 || nonce.byteLength !== 24) throw new TypeError("XChaCha20-Poly1305 takes a 32-byte key and a 24-byte nonce.");
  const subkeyWords = new Uint32Array(8);
  hchacha(SIGMA, words(key), words(nonce.subarray(0, 16)), subkeyWords);
  const subkey = new Uint8Array(32);
  const view = new DataView(subkey.buffer);
  subkeyWords.forEach((w, i) => view.setUint32(4 * i, w, true));
  subkeyWords.fill(0);
  const iv = new Uint8Array(12);
  iv.set(nonce.subarray(16), 4);
  return {
    encrypt(plaintext, output) {
      const cipher = createCipheriv("chacha20-poly1305", subkey, iv, { authTagLength: 16 });
      cipher.setAAD(aad, { plaintextLength: plaintext.byteLength });
      const body = cipher.update(plaintext);
      cipher.final();
      const sealed = output ?? new Uint8Array(plaintext.byteLength + 16);
      if (sealed.byteLength !== plaintext.byteLength + 16) throw new RangeError(`output must be ${plaintext.byteLength + 16} bytes`);
      sealed.set(body, 0);
      sealed.set(cipher.getAuthTag(), plaintext.byteLength);
      return sealed;
    },
    decrypt(sealed) {
      if (sealed.byteLength < 16) throw new Error("XChaCha20-Poly1305: input shorter than the tag");
      const length = sealed.byteLength - 16;
      const decipher = createDecipheriv("chacha20-poly1305", subkey, iv, { authTagLength: 16 });
      decipher.setAuthTag(sealed.subarray(length));
      decipher.setAAD(aad, { plaintextLength: length });
      const body = decipher.update(sealed.subarray(0, length));
      decipher.final(); // throws when the tag does not authenticate
      return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    },
  };
};

/**
 * A file as a stream of 1 MiB pieces, opened when it is first read: a stream that is made but
 * never read (its consumer failed first) opens nothing, so it cannot fail later with nobody
 * listening (e.g. after the file was removed).
 */
export async function* readFileStream(path: string): AsyncGenerator<Uint8Array> {
  yield* createReadStream(path, { highWaterMark: 1 << 20 });
}

export async function encryptFile(input: string, output: string, dataKey: Uint8Array, options: EncryptOptions = {}): Promise<StreamSummary> {
  const { ciphertext, summary } = encryptStream(readFileStream(input), dataKey, { sha256: nodeSha256, xchacha: nodeXChaCha20Poly1305, ...options });
  await writeAtomically(output, ciphertext);
  return summary;
}

/** Decrypts to `output`; on any DecryptionError no file is left at `output`. */
export async function decryptFile(input: string, output: string, dataKey: Uint8Array, options: DecryptOptions = {}): Promise<StreamSummary> {
  return decryptToFile(readFileStream(input), output, dataKey, options);
}

export interface DecryptToFileOptions extends DecryptOptions {
  /** Replace a file already at `output` (default true). When false such a file is kept and the call fails with EEXIST. */
  overwrite?: boolean;
  /** Called with the plaintext bytes written so far, after each piece. */
  onProgress?: (plaintextBytes: number) => void;
  /** File mode of the output (before the umask), e.g. 0o600 for data only its owner may read. Default 0o666. */
  mode?: number;
}

/**
 * Decrypts any ciphertext stream (a content store's get(), a download) to `output`, as
 * decryptFile does: the file appears under its name only once the whole stream authenticated
 * (and matched `expectedSha256`); until then it is a `.partial` file beside it, removed on failure.
 */
export async function decryptToFile(source: ByteSource, output: string, dataKey: Uint8Array, options: DecryptToFileOptions = {}): Promise<StreamSummary> {
  const { overwrite = true, onProgress, mode, ...decryptOptions } = options;
  const { plaintext, summary } = decryptStream(source, dataKey, { sha256: nodeSha256, xchacha: nodeXChaCha20Poly1305, ...decryptOptions });
  await writeAtomically(output, onProgress ? counted(plaintext, onProgress) : plaintext, { overwrite, mode });
  return summary;
}

async function* counted(source: AsyncIterable<Uint8Array>, onProgress: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const piece of source) {
    yield piece;
    bytes += piece.byteLength;
    onProgress(bytes);
  }
}

/** Writes a keystore readable by its owner only (mode 0600), atomically. Refuses to overwrite. */
export async function writeKeystoreFile(path: string, keystore: Keystore): Promise<void> {
  const temporary = `${path}.${nodeRandomBytes(6).toString("hex")}.tmp`;
  await writeFile(temporary, `${JSON.stringify(keystore, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  try {
    await link(temporary, path); // atomic, and fails if a keystore is already there
  } finally {
    await rm(temporary, { force: true });
  }
}

export async function readKeystoreFile(path: string, passphrase: string): Promise<ReaderKeyPair> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") {
      throw new KeystoreError("not_found", `No keystore at ${path}.`, { hint: "Check the path, or create a keystore first.", cause });
    }
    throw cause;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new KeystoreError("damaged", `The keystore at ${path} is damaged.`, {
      details: `Not valid JSON: ${(cause as Error).message}.`,
      hint: "Restore the keystore file from your backup.",
      cause,
    });
  }
  return decryptKeystore(value, passphrase);
}

async function writeAtomically(path: string, data: AsyncIterable<Uint8Array>, { overwrite = true, mode }: { overwrite?: boolean; mode?: number } = {}): Promise<void> {
  const temporary = `${path}.${nodeRandomBytes(6).toString("hex")}.partial`;
  try {
    await pipeline(Readable.from(data, { objectMode: false }), createWriteStream(temporary, { flags: "wx", mode }));
    if (overwrite) await rename(temporary, path);
    else await link(temporary, path); // atomic, and fails with EEXIST if a file is already there
  } finally {
    await rm(temporary, { force: true });
  }
}
