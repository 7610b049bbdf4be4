// Sealing a submission: what both sinks do before anything reaches the content store. A fresh
// data key; every raw file, the filtered data and the report encrypted as streams
// (oracle/crypto); the data key wrapped for every reader in a key envelope, stored as JSON. The
// contributor is a reader whenever they registered a key (the upload route insists on one).
import type { Hex } from "viem";
import { createKeyEnvelope, encryptStream, generateDataKey, type ReaderSpec } from "../crypto/index.ts";
import { nodeSha256, readFileStream } from "../crypto/files.ts";
import type { StoredFile } from "../manifest/index.ts";
import { canonicalJson } from "../pipeline/config-merge.ts";
import { addJson, type ContentStore } from "../store/index.ts";
import type { AcceptedSubmission } from "./sink.ts";

export const ENCRYPTION_SCHEME = "1tt/stream@1";

export interface SealedSubmission {
  raw: StoredFile[];
  filtered: StoredFile;
  report: StoredFile;
  /** The CID of the key envelope (JSON, public). */
  keys: string;
}

/** The readers of a submission: its contributor (when they registered a key) and `others`. */
export function submissionReaders(contributorReaderKey: Hex | null, others: readonly ReaderSpec[]): ReaderSpec[] {
  return [...(contributorReaderKey ? [{ role: "contributor" as const, publicKey: contributorReaderKey }] : []), ...others];
}

async function encrypted(store: ContentStore, source: AsyncIterable<Uint8Array> | Uint8Array, dataKey: Uint8Array, expectedSha256: string | undefined, signal?: AbortSignal): Promise<StoredFile> {
  const sealed = encryptStream(source, dataKey, { sha256: nodeSha256 });
  const cid = await store.add(sealed.ciphertext, { signal });
  const summary = await sealed.summary;
  if (expectedSha256 !== undefined && summary.plaintextSha256 !== expectedSha256) {
    throw new Error(`a stored file changed while it was encrypted (sha256 ${summary.plaintextSha256}, expected ${expectedSha256})`);
  }
  return { cid, plaintextSha256: summary.plaintextSha256, plaintextBytes: summary.plaintextBytes };
}

/** Encrypts and stores `s`'s files for `readers` under `context`; only ciphertext and the envelope reach `store`. */
export async function sealSubmission(store: ContentStore, s: AcceptedSubmission, readers: readonly ReaderSpec[], context: string, signal?: AbortSignal): Promise<SealedSubmission> {
  if (readers.length === 0) throw new Error(`submission ${s.sequence} has no reader: register the contributor's reader key or configure consumer keys`);
  const dataKey = generateDataKey();
  try {
    const raw: StoredFile[] = [];
    for (const file of s.raw) raw.push(await encrypted(store, readFileStream(file.path), dataKey, file.sha256, signal));
    const filtered = await encrypted(store, readFileStream(s.filtered.path), dataKey, s.filtered.sha256, signal);
    const report = await encrypted(store, new TextEncoder().encode(canonicalJson(s.report)), dataKey, undefined, signal);
    const keys = String(await addJson(store, createKeyEnvelope(dataKey, readers, context), { signal }));
    return { raw, filtered, report, keys };
  } finally {
    dataKey.fill(0);
  }
}
