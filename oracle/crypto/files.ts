// Node-only helpers: encrypt and decrypt files to files, streaming, and keystore files. The
// output appears under its name only when complete and verified; until then it is a temporary
// file beside it, removed on failure.
import { createHash, randomBytes as nodeRandomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { link, readFile, rename, rm, writeFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sha256Factory } from "./bytes.ts";
import { decryptStream, type DecryptOptions } from "./decrypt-stream.ts";
import { encryptStream, type EncryptOptions, type StreamSummary } from "./encrypt-stream.ts";
import { KeystoreError } from "./errors.ts";
import { decryptKeystore, type Keystore } from "./keystore.ts";
import type { ReaderKeyPair } from "./reader-key.ts";

/** node:crypto's native sha256 for the plaintext commitment: same digest, several times faster than JS. */
export const nodeSha256: Sha256Factory = () => createHash("sha256");

/** A file as a stream of 1 MiB pieces. */
export function readFileStream(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: 1 << 20 });
}

export async function encryptFile(input: string, output: string, dataKey: Uint8Array, options: EncryptOptions = {}): Promise<StreamSummary> {
  const { ciphertext, summary } = encryptStream(readFileStream(input), dataKey, { sha256: nodeSha256, ...options });
  await writeAtomically(output, ciphertext);
  return summary;
}

/** Decrypts to `output`; on any DecryptionError no file is left at `output`. */
export async function decryptFile(input: string, output: string, dataKey: Uint8Array, options: DecryptOptions = {}): Promise<StreamSummary> {
  const { plaintext, summary } = decryptStream(readFileStream(input), dataKey, { sha256: nodeSha256, ...options });
  await writeAtomically(output, plaintext);
  return summary;
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

async function writeAtomically(path: string, data: AsyncIterable<Uint8Array>): Promise<void> {
  const temporary = `${path}.${nodeRandomBytes(6).toString("hex")}.partial`;
  try {
    await pipeline(Readable.from(data, { objectMode: false }), createWriteStream(temporary, { flags: "wx" }));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
