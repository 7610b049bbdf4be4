// Opening a sealed file of a submission, as every reader does (the CLI's fetch, the dApp's
// download, the audit's replay, a committee member): the key envelope the manifest names for that
// file, read with readKeyEnvelope (bounded, checked against its CID: a store or gateway is not
// trusted to serve what it was asked for), opened with the reader's key under the context the
// manifest implies (so another submission's envelope is refused), then the file's ciphertext
// decrypted as it streams and checked against the manifest's plaintext commitment.
//
// Errors pass through as their modules throw them, so each caller says them its own way:
// KeyEnvelopeUnreadableError (the envelope's bytes), KeyEnvelopeError (not a reader, another
// submission's envelope), DecryptionError (the ciphertext, or a commitment that does not match),
// and the store's own errors. Node and browsers.
import { decryptStream, type DecryptedStream, type DecryptOptions } from "../crypto/decrypt-stream.ts";
import { KeyEnvelopeError } from "../crypto/errors.ts";
import { openKeyEnvelope, type KeyEnvelope } from "../crypto/key-envelope.ts";
import type { ContentStore } from "../store/content-store.ts";
import { envelopeOf, type SealedFile } from "./key-context.ts";
import { readKeyEnvelope } from "./read-key-envelope.ts";
import type { FileCommitment, Manifest } from "./schema.ts";

/** A sealed file's key envelope as read, with the context it must be opened under. */
export interface SealedFileEnvelope {
  envelope: KeyEnvelope;
  context: string;
}

export interface SealedFileKey {
  /** The envelope that was opened (its readers say under which role the key reads it). */
  envelope: KeyEnvelope;
  /** The data key; `forget()` zeroes it. */
  dataKey: Uint8Array;
  /** The plaintext of one of the manifest's files under this key, checked against its commitment at its end. */
  decrypt(file: FileCommitment, options?: { signal?: AbortSignal }): DecryptedStream;
  forget(): void;
}

export interface OpenSealedFileParameters {
  store: ContentStore;
  manifest: Manifest;
  /** Which of the submission's files: the filtered data, or the raw files and the report (one key for both). */
  file: SealedFile;
  /** The reader's X25519 private key. */
  privateKey: Uint8Array;
  /**
   * The CID of an envelope a key grant added later for the same sealed file (oracle/manifest/key-grant.ts),
   * tried under the same context when the key is not among the readers of the manifest's own envelope.
   */
  granted?: string;
  signal?: AbortSignal;
  /** Faster primitives where the platform has them (oracle/crypto/files.ts on Node). */
  primitives?: Pick<DecryptOptions, "sha256" | "xchacha">;
}

/** The key envelope of one sealed file of a submission, read and checked; null when the data is in the clear. */
export async function readSealedFileEnvelope(
  p: Pick<OpenSealedFileParameters, "store" | "manifest" | "file" | "signal">,
): Promise<SealedFileEnvelope | null> {
  const where = envelopeOf(p.manifest, p.file);
  if (!where) return null;
  return { envelope: await readKeyEnvelope(p.store, where.cid, { signal: p.signal }), context: where.context };
}

/** The data key in an envelope readSealedFileEnvelope read, opened under the submission's context. */
export function openSealedFileKey(
  read: SealedFileEnvelope,
  privateKey: Uint8Array,
  p: Pick<OpenSealedFileParameters, "store" | "primitives">,
): SealedFileKey {
  const dataKey = openKeyEnvelope(read.envelope, privateKey, { context: read.context });
  return {
    envelope: read.envelope,
    dataKey,
    decrypt: (file, { signal } = {}) => decryptStream(p.store.get(file.cid, { signal }), dataKey, { expectedSha256: file.plaintextSha256, ...p.primitives }),
    forget: () => dataKey.fill(0),
  };
}

/** The key of one sealed file of a submission; null when the submission's data is in the clear (a development oracle's). */
export async function openSealedFile(p: OpenSealedFileParameters): Promise<SealedFileKey | null> {
  const read = await readSealedFileEnvelope(p);
  if (!read) return null;
  try {
    return openSealedFileKey(read, p.privateKey, p);
  } catch (err) {
    if (!p.granted || !(err instanceof KeyEnvelopeError && err.code === "not_a_reader")) throw err;
    const granted = { envelope: await readKeyEnvelope(p.store, p.granted, { signal: p.signal }), context: read.context };
    return openSealedFileKey(granted, p.privateKey, p);
  }
}
