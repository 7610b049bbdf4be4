// Node-only helpers: encrypt and decrypt files to files, streaming, and keystore files. The
// output appears under its name only when complete and verified; until then it is a temporary
// file beside it, removed on failure.
import { createHash, randomBytes as nodeRandomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { link, readFile, rename, rm, writeFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ByteSource, Sha256Factory } from "./bytes.ts";
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
  const { plaintext, summary } = decryptStream(source, dataKey, { sha256: nodeSha256, ...decryptOptions });
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
