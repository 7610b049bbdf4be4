// Sealing a submission: what both sinks do before anything reaches the content store. Two fresh
// data keys: one for the filtered data, wrapped for every reader; one for the raw files and the
// report, wrapped for every reader but the consumers (the raw files hold what the pipeline removed,
// PII included, and the report quotes removed documents; consumers pay for the filtered data).
// Every file is encrypted as a stream (oracle/crypto) and each data key wrapped in a key envelope,
// stored as JSON (oracle/manifest/key-context.ts says which envelope opens which file). The
// contributor is a reader whenever they registered a key (the upload route insists on one).
import type { Hex } from "viem";
import { createKeyEnvelope, encryptStream, generateDataKey, STREAM_SCHEME, type ReaderSpec } from "../crypto/index.ts";
import { nodeSha256, nodeXChaCha20Poly1305, readFileStream } from "../crypto/files.ts";
import { privateContextOf, type StoredFile } from "../manifest/index.ts";
import { canonicalJsonBytes } from "../protocol/canonical-json.ts";
import { addJson, type ContentStore } from "../store/index.ts";
import type { AcceptedSubmission, StoredSubmission } from "./submission.ts";

/** The scheme the manifest names for sealed files. */
export const ENCRYPTION_SCHEME = STREAM_SCHEME;

export interface SealedSubmission {
  raw: StoredFile[];
  filtered: StoredFile;
  report: StoredFile;
  /** The CID of the filtered data's key envelope (JSON, public). */
  keys: string;
  /** The CID of the raw files' and report's key envelope. */
  privateKeys: string;
}

/** The readers of a submission: its contributor (when they registered a key) and `others`. */
export function submissionReaders(contributorReaderKey: Hex | null, others: readonly ReaderSpec[]): ReaderSpec[] {
  return [...(contributorReaderKey ? [{ role: "contributor" as const, publicKey: contributorReaderKey }] : []), ...others];
}

async function encrypted(store: ContentStore, source: AsyncIterable<Uint8Array> | Uint8Array, dataKey: Uint8Array, expectedSha256: string | undefined, signal?: AbortSignal): Promise<StoredFile> {
  const sealed = encryptStream(source, dataKey, { sha256: nodeSha256, xchacha: nodeXChaCha20Poly1305 });
  const cid = await store.add(sealed.ciphertext, { signal });
  const summary = await sealed.summary;
  if (expectedSha256 !== undefined && summary.plaintextSha256 !== expectedSha256) {
    throw new Error(`a stored file changed while it was encrypted (sha256 ${summary.plaintextSha256}, expected ${expectedSha256})`);
  }
  return { cid, plaintextSha256: summary.plaintextSha256, plaintextBytes: summary.plaintextBytes };
}

/**
 * Encrypts and stores `s`'s files; only ciphertext and the envelopes reach `store`. `readers`
 * read the filtered data; all but the consumers also read the raw files and the report.
 * `context`: what the filtered data's envelope is bound to; the private one's is derived from it
 * (key-context.ts).
 */
export async function sealSubmission(store: ContentStore, s: AcceptedSubmission, readers: readonly ReaderSpec[], context: string, signal?: AbortSignal): Promise<SealedSubmission> {
  const privateReaders = readers.filter((r) => r.role !== "consumer");
  if (privateReaders.length === 0) throw new Error(`submission ${s.sequence} has no reader of its raw data: register the contributor's reader key or configure committee or auditor keys`);
  const sharedKey = generateDataKey();
  const privateKey = generateDataKey();
  try {
    const raw: StoredFile[] = [];
    for (const file of s.raw) raw.push(await encrypted(store, readFileStream(file.path), privateKey, file.sha256, signal));
    const filtered = await encrypted(store, readFileStream(s.filtered.path), sharedKey, s.filtered.sha256, signal);
    const report = await encrypted(store, canonicalJsonBytes(s.report, "report"), privateKey, undefined, signal);
    const keys = String(await addJson(store, createKeyEnvelope(sharedKey, readers, context), { signal }));
    const privateKeys = String(await addJson(store, createKeyEnvelope(privateKey, privateReaders, privateContextOf(context)), { signal }));
    return { raw, filtered, report, keys, privateKeys };
  } finally {
    sharedKey.fill(0);
    privateKey.fill(0);
  }
}

/** The CIDs a sink records for a sealed submission (StoredSubmission's content fields). */
export function storedCids(sealed: SealedSubmission): Pick<StoredSubmission, "keysCid" | "privateKeysCid" | "rawCids" | "filteredCid" | "reportCid"> {
  return {
    keysCid: sealed.keys,
    privateKeysCid: sealed.privateKeys,
    rawCids: sealed.raw.map((f) => String(f.cid)),
    filteredCid: String(sealed.filtered.cid),
    reportCid: String(sealed.report.cid),
  };
}
