// Download and decrypt a submission's filtered data (or its sealed report), in the page. No React
// here: the component (DownloadButton.tsx) drives it, the Node tests run it against a store
// behind a fetch.
//
//   1. the manifest, from the IPFS gateway or the oracle, read by readManifest: its bytes must
//      hash to the manifest CID (what the attestation names), so nothing in it is taken on trust;
//   2. the key envelope it names (data.encryption.keys), checked against its CID the same way;
//   3. the reader key (only now: a wallet prompt waits until the rest is known to be there), and
//      the data key unwrapped from the envelope under this submission's context;
//   4. the ciphertext of data.filtered, streamed through decryptStream, which authenticates every
//      chunk and checks the plaintext against the manifest's sha256 at the end.
// The ciphertext's CID is not recomputed: each chunk's AEAD tag and the attested sha256 already
// refuse any other bytes. Plaintext goes to a sink that keeps it only if `close` is reached.
import {
  DecryptionError,
  KeyEnvelopeError,
  decryptStream,
  encodePublicKey,
  STREAM_SCHEME,
  type DecryptionErrorCode,
  type ReaderKeyPair,
  type ReaderRole,
} from "../../../oracle/crypto/index.ts";
import { KeyEnvelopeUnreadableError, ManifestError } from "../../../oracle/manifest/errors.ts";
import { envelopeOf } from "../../../oracle/manifest/key-context.ts";
import { openSealedFileKey, readSealedFileEnvelope, type SealedFileEnvelope, type SealedFileKey } from "../../../oracle/manifest/open-sealed-file.ts";
import { readManifest } from "../../../oracle/manifest/read-manifest.ts";
import type { FileCommitment, Manifest } from "../../../oracle/manifest/schema.ts";
import { OneTTError, type OneTTErrorParameters } from "../../../oracle/protocol/errors.ts";
import { CidNotFoundError, StoreError } from "../../../oracle/store/errors.ts";
import { GatewayStore } from "../../../oracle/store/gateway.ts";
import { httpManifestStore, type ManifestSource } from "../auditor/manifest-source.ts";


export type DownloadErrorCode =
  | "not_found"
  | "unreachable"
  | "bad_manifest"
  | "wrong_program"
  | "no_encryption"
  | "bad_envelope"
  | "not_a_reader"
  | DecryptionErrorCode;

/** Why a download failed, in words a reader can act on; the cause is kept for the details. */
export class DownloadError extends OneTTError {
  override name = "DownloadError";
  declare readonly code: DownloadErrorCode;
  constructor(code: DownloadErrorCode, shortMessage: string, parameters: OneTTErrorParameters = {}) {
    super(shortMessage, parameters);
    this.code = code;
  }
}

export interface DownloadSource {
  /** An IPFS HTTP gateway's absolute URL (GET <gateway>/ipfs/<cid>); empty: everything comes from the oracle. */
  gateway: string;
  /** The oracle's absolute base URL: GET <oracle>/ipfs/<cid> for manifests, key envelopes and ciphertext. */
  oracle: string;
  /** The fetch to use (tests serve a store through it). */
  fetch?: typeof fetch;
}

const trimmed = (url: string) => url.replace(/\/+$/, "");

/** Where content (envelope, ciphertext) comes from: the gateway when there is one, else the oracle, which serves what it stored at the same path. */
const contentStore = (source: DownloadSource) => new GatewayStore(source.gateway || source.oracle, { fetch: source.fetch, where: describeSource(source) });

export const contentUrl = (source: DownloadSource, cid: string): string => contentStore(source).url(cid);

export function describeSource(source: DownloadSource): string {
  return source.gateway ? `the IPFS gateway ${trimmed(source.gateway)}` : `the oracle at ${trimmed(source.oracle)}`;
}

const manifestSource = (source: DownloadSource): ManifestSource =>
  source.gateway ? { kind: "gateway", url: trimmed(source.gateway) } : { kind: "oracle", url: trimmed(source.oracle) };

/** The name a download is saved under. */
export const downloadFileName = (manifestCid: string): string => `${manifestCid}-filtered.jsonl`;

/** A sealed file a reader opens here: the filtered data (every reader), or the report (all but consumers). */
export type SealedPart = "filtered" | "report";

export interface PrepareParameters {
  manifestCid: string;
  /** The program the page shows; the manifest must belong to it (the reader key is derived for it). */
  program: { chainId: number; splitter: string };
  source: DownloadSource;
  /** Called once the manifest and the envelope are in hand: a cached key, or a wallet prompt. */
  readerKey: () => Promise<ReaderKeyPair> | ReaderKeyPair;
  signal?: AbortSignal;
  /** Which sealed file (default: the filtered data). */
  part?: SealedPart;
}

export interface PreparedDownload {
  manifestCid: string;
  manifest: Manifest;
  /** The sealed file's commitment: ciphertext CID, plaintext sha256 and size. */
  file: FileCommitment;
  /** The role under which the reader key is listed in the envelope. */
  role: ReaderRole;
  /** The submission's data key; decryptDownload zeroes it when done. */
  dataKey: Uint8Array;
  fileName: string;
}

/** Steps 1–3: the manifest, the envelope and the data key. */
export async function prepareDownload(p: PrepareParameters): Promise<PreparedDownload> {
  const manifest = await fetchManifest(p.manifestCid, p.source, p.signal);
  if (manifest.program.chainId !== p.program.chainId || manifest.program.splitter.toLowerCase() !== p.program.splitter.toLowerCase()) {
    throw new DownloadError("wrong_program", "This submission belongs to another program.", {
      details: `The manifest names program ${manifest.program.splitter} on chain ${manifest.program.chainId}; the page shows ${p.program.splitter} on chain ${p.program.chainId}.`,
      hint: "Choose that program at the top of the page, then download again: reader keys are specific to a program.",
    });
  }
  const encryption = manifest.data.encryption;
  if (encryption === null) {
    throw new DownloadError("no_encryption", "This submission is stored without encryption, so there is nothing to decrypt.", {
      details: `Only a development oracle stores data in the clear. The filtered data is ${manifest.data.filtered.cid}.`,
      hint: `Fetch ${contentUrl(p.source, manifest.data.filtered.cid)} directly and compare its sha256 with ${manifest.data.filtered.plaintextSha256}.`,
    });
  }
  if (encryption.scheme !== STREAM_SCHEME) {
    throw new DownloadError("bad_manifest", `This submission is encrypted with ${encryption.scheme}, which this page cannot decrypt.`, {
      hint: `The page reads ${STREAM_SCHEME}. Use a newer version of the dApp or of the 1tt command.`,
    });
  }
  const part = p.part ?? "filtered";
  const sealed = await fetchEnvelope(manifest, part, p.source, p.signal);
  const key = await p.readerKey();
  p.signal?.throwIfAborted();
  const { dataKey } = openEnvelope(sealed, key, p.source);
  const mine = encodePublicKey(key.publicKey).toLowerCase();
  const role = sealed.envelope.readers.find((r) => r.publicKey.toLowerCase() === mine)!.role;
  const fileName = part === "filtered" ? downloadFileName(p.manifestCid) : `${p.manifestCid}-report.json`;
  return { manifestCid: p.manifestCid, manifest, file: manifest.data[part], role, dataKey, fileName };
}

export interface DownloadProgress {
  /** Plaintext bytes decrypted and handed to the sink. */
  bytes: number;
  /** Plaintext bytes in all (the manifest's plaintextBytes). */
  total: number;
  /** Since the ciphertext was requested. */
  elapsedMs: number;
}

/** Where plaintext goes. Only `close` makes it a file; `abort` throws away what was written. */
export interface PlaintextSink {
  write(chunk: Uint8Array): void | Promise<void>;
  close(): void | Promise<void>;
  abort(): void | Promise<void>;
}

export interface DecryptParameters {
  source: DownloadSource;
  sink: PlaintextSink;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  /** Hand the event loop back this often (ms) so the page repaints while a long file decrypts. */
  yieldEveryMs?: number;
}

export interface DownloadResult {
  bytes: number;
  sha256: string;
  role: ReaderRole;
}

/** Step 4: streams the ciphertext through decryption into `sink`; closes the sink only on success. */
export async function decryptDownload(prepared: PreparedDownload, d: DecryptParameters): Promise<DownloadResult> {
  const { file } = prepared;
  const started = now();
  const total = file.plaintextBytes;
  let bytes = 0;
  let closed = false;
  try {
    // Requested when decryption asks for the first bytes; the body is streamed as it arrives.
    const body = contentStore(d.source).get(file.cid, { signal: d.signal });
    const { plaintext, summary } = decryptStream(body, prepared.dataKey, { expectedSha256: file.plaintextSha256 });
    d.onProgress?.({ bytes, total, elapsedMs: now() - started });
    let lastYield = now();
    for await (const piece of plaintext) {
      d.signal?.throwIfAborted();
      await d.sink.write(piece);
      bytes += piece.byteLength;
      d.onProgress?.({ bytes, total, elapsedMs: now() - started });
      if (now() - lastYield >= (d.yieldEveryMs ?? 30)) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = now();
      }
    }
    const result = await summary;
    d.signal?.throwIfAborted();
    await d.sink.close();
    closed = true;
    return { bytes: result.plaintextBytes, sha256: result.plaintextSha256, role: prepared.role };
  } catch (error) {
    if (!closed) await Promise.resolve(d.sink.abort()).catch(() => {});
    throw explainDecryption(sourceError(error, "encrypted data", file.cid, d.source, d.signal), prepared, d.source);
  } finally {
    prepared.dataKey.fill(0);
  }
}

/** All four steps. */
export async function downloadFilteredData(p: PrepareParameters & Omit<DecryptParameters, "source" | "signal">): Promise<DownloadResult> {
  return decryptDownload(await prepareDownload(p), { ...p });
}

/** A sink that keeps the pieces in memory; `parts` is set only once the sink is closed. */
export function memorySink(): PlaintextSink & { parts: Uint8Array[] | undefined } {
  let pieces: Uint8Array[] = [];
  const sink = {
    parts: undefined as Uint8Array[] | undefined,
    write(chunk: Uint8Array) {
      pieces.push(chunk);
    },
    close() {
      sink.parts = pieces;
    },
    abort() {
      pieces = [];
      sink.parts = undefined;
    },
  };
  return sink;
}

// ---- the steps

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

async function fetchManifest(cid: string, source: DownloadSource, signal?: AbortSignal): Promise<Manifest> {
  try {
    return await readManifest(httpManifestStore(manifestSource(source), source.fetch), cid, { signal });
  } catch (error) {
    if (error instanceof ManifestError) {
      throw new DownloadError("bad_manifest", `The manifest ${cid} from ${describeSource(source)} cannot be trusted.`, {
        details: error.shortMessage,
        hint: "Nothing was downloaded. Read it from another source, and report the manifest CID to the program's auditors.",
        cause: error,
      });
    }
    throw sourceError(error, "manifest", cid, source, signal);
  }
}

async function fetchEnvelope(manifest: Manifest, part: SealedPart, source: DownloadSource, signal?: AbortSignal): Promise<SealedFileEnvelope> {
  const cid = envelopeOf(manifest, part)!.cid;
  try {
    return (await readSealedFileEnvelope({ store: contentStore(source), manifest, file: part, signal }))!;
  } catch (error) {
    if (!(error instanceof KeyEnvelopeUnreadableError)) throw sourceError(error, "key envelope", cid, source, signal);
    const details = error.reason === "cid_mismatch" ? `${error.details}: not the envelope the manifest names.` : `${error.details}.`;
    throw new DownloadError("bad_envelope", `The key envelope ${cid} from ${describeSource(source)} cannot be used.`, {
      details: details.charAt(0).toUpperCase() + details.slice(1),
      hint: "Nothing was decrypted. Try another source (VITE_IPFS_GATEWAY), and report the manifest CID to the program's auditors if it persists.",
      cause: error,
    });
  }
}

function openEnvelope(read: SealedFileEnvelope, key: ReaderKeyPair, source: DownloadSource): SealedFileKey {
  const { envelope } = read;
  try {
    return openSealedFileKey(read, key.privateKey, { store: contentStore(source) });
  } catch (error) {
    if (!(error instanceof KeyEnvelopeError)) throw error;
    if (error.code === "not_a_reader") {
      const mine = encodePublicKey(key.publicKey).toLowerCase();
      throw new DownloadError("not_a_reader", "Your reader key cannot open this submission.", {
        details:
          `Only its contributor, the program's consumers, its committee members and its auditors can read it; your public key ${mine} is not among its ` +
          `${envelope.readers.length} readers (${[...new Set(envelope.readers.map((r) => r.role))].join(", ")}). ` +
          "A contributor can read only what was uploaded after registering the reader key.",
        hint: "Connect the wallet of one of its readers, or open the reader keystore the program knows you by.",
        cause: error,
      });
    }
    throw new DownloadError("bad_envelope", "The key envelope does not match this submission.", {
      details: error.shortMessage,
      hint: "Nothing was decrypted. Report the manifest CID to the program's auditors.",
      cause: error,
    });
  }
}

/**
 * A source's failure (oracle/store's gateway store, or the manifest store on it) as a download
 * error: content the source does not have, or a source that does not answer, fails or stops
 * sending. A cancelled download stays the abort it is; anything else passes through.
 */
function sourceError(error: unknown, what: string, cid: string, source: DownloadSource, signal?: AbortSignal): unknown {
  if (signal?.aborted) return signal.reason;
  if (error instanceof CidNotFoundError) {
    return new DownloadError("not_found", `The ${what} ${cid} is not at ${describeSource(source)}.`, {
      hint: "Try again later (new content may take a moment to reach a gateway), or set an IPFS gateway that has it (VITE_IPFS_GATEWAY); the oracle that stored it keeps a copy.",
      cause: error,
    });
  }
  if (error instanceof StoreError) {
    return new DownloadError("unreachable", capitalized(error.shortMessage), {
      details: error.details,
      hint: "Check your connection and try again in a moment; nothing was saved. If it persists, read from another source (VITE_IPFS_GATEWAY).",
      cause: error,
    });
  }
  return error;
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const DECRYPTION_TEXT: Record<DecryptionErrorCode, { title: string; hint: string }> = {
  truncated: {
    title: "The encrypted data ended before its last chunk: the download was cut short.",
    hint: "Nothing was saved. Try again; if it keeps failing, the source holds an incomplete copy: set another IPFS gateway.",
  },
  tampered: {
    title: "The encrypted data was altered: a chunk failed its authentication check.",
    hint: "Nothing was saved. Fetch it from another source (VITE_IPFS_GATEWAY), and report the manifest CID to the program's auditors.",
  },
  bad_header: {
    title: "The downloaded file is not this submission's encrypted data (its header is wrong).",
    hint: "Nothing was saved. Fetch it from another source, and report the manifest CID to the program's auditors.",
  },
  wrong_key: {
    title: "The key envelope's data key does not open this file.",
    hint: "Nothing was saved. The envelope and the data do not belong together: report the manifest CID to the program's auditors.",
  },
  commitment_mismatch: {
    title: "The decrypted data is not the data the manifest commits to (its sha256 differs).",
    hint: "Nothing was saved. Report the manifest CID to the program's auditors.",
  },
};

function explainDecryption(error: unknown, prepared: PreparedDownload, source: DownloadSource): unknown {
  if (!(error instanceof DecryptionError)) return error;
  const text = DECRYPTION_TEXT[error.code];
  return new DownloadError(error.code, text.title, {
    details: `${error.shortMessage}${error.details ? ` ${error.details}` : ""} (ciphertext ${prepared.file.cid} from ${describeSource(source)})`,
    hint: text.hint,
    cause: error,
  });
}
