// Test fixture for the download tests (Node and jsdom): one real encrypted submission as the
// oracle's program sink stores it (oracle/crypto streams, a key envelope, a manifest written by
// oracle/manifest into an embedded content store), and a fetch that serves the stored bytes the
// way an IPFS gateway (GET /ipfs/<cid>) and the oracle (GET /manifests/<cid>) do.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKeyEnvelope, encryptStream, generateDataKey, generateReaderKey, type ReaderKeyPair, type ReaderSpec } from "../../../oracle/crypto/index.ts";
import { buildManifest, writeManifest, type StoredFile } from "../../../oracle/manifest/index.ts";
import type { Manifest } from "../../../oracle/manifest/schema.ts";
import { ALICE, PIPELINE, SPLITTER, fakeReport } from "../../../oracle/manifest/testing.ts";
import { collect } from "../../../oracle/store/bytes.ts";
import { EmbeddedStore } from "../../../oracle/store/embedded/embedded-store.ts";
import { addJson } from "../../../oracle/store/json.ts";
import { envelopeContext } from "./download.ts";

export const CHAIN_ID = 31337;
export const PROGRAM = { chainId: CHAIN_ID, splitter: SPLITTER };

export interface Submission {
  manifestCid: string;
  manifest: Manifest;
  plaintext: Uint8Array;
  /** Every stored file by CID, as a gateway serves it. */
  files: Map<string, Uint8Array>;
  contributor: ReaderKeyPair;
  consumer: ReaderKeyPair;
  outsider: ReaderKeyPair;
}

/** JSONL lines, deterministic, `bytes` long at least. */
export function jsonl(bytes: number): Uint8Array {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const line = `${JSON.stringify({ id: i, text: `document ${i}: ${"lorem ipsum ".repeat(i % 17)}` })}\n`;
    lines.push(line);
    length += line.length;
  }
  return new TextEncoder().encode(lines.join(""));
}

export interface SubmissionOptions {
  /** Plaintext size of the filtered data (default 300 KB: five 64 KiB chunks). */
  bytes?: number;
  /** Store it without encryption (a development oracle). */
  clear?: boolean;
  /** Make the envelope for another context than the manifest's. */
  context?: string;
  /** Publish this sha256 for the filtered data instead of the real one. */
  claimedSha256?: string;
}

/** Stores one submission and returns it with every stored file's bytes. */
export async function makeSubmission(options: SubmissionOptions = {}): Promise<Submission> {
  const dir = await mkdtemp(join(tmpdir(), "1tt-download-"));
  const store = await EmbeddedStore.open(dir);
  try {
    const contributor = generateReaderKey();
    const consumer = generateReaderKey();
    const outsider = generateReaderKey();
    const committee = generateReaderKey();
    const dataKey = generateDataKey();
    const report = fakeReport(0, 1_000);
    const plaintext = jsonl(options.bytes ?? 300_000);
    const put = async (bytes: Uint8Array): Promise<StoredFile> => {
      if (options.clear) {
        const { createHash } = await import("node:crypto");
        return { cid: await store.add(bytes), plaintextSha256: createHash("sha256").update(bytes).digest("hex"), plaintextBytes: bytes.byteLength };
      }
      const sealed = encryptStream(bytes, dataKey);
      const cid = await store.add(sealed.ciphertext);
      const { plaintextSha256, plaintextBytes } = await sealed.summary;
      return { cid, plaintextSha256, plaintextBytes };
    };
    const raw = [await put(new TextEncoder().encode(report.submission.inputs[0]!.name))];
    const filtered = await put(plaintext);
    if (options.claimedSha256) filtered.plaintextSha256 = options.claimedSha256;
    const reportFile = await put(new TextEncoder().encode(JSON.stringify(report)));
    const readers: ReaderSpec[] = [
      { role: "committee", id: "0x0000000000000000000000000000000000000c01", publicKey: committee.publicKey },
      { role: "consumer", publicKey: consumer.publicKey },
      { role: "contributor", publicKey: contributor.publicKey },
    ];
    const base = {
      program: PROGRAM,
      contributor: ALICE,
      sequence: 0,
      contributorSequence: 0,
      previous: null,
      pipeline: PIPELINE,
      report,
      previousCumulative: 0,
    } as const;
    // The context comes from the manifest's program and sequence, known before the envelope.
    const context = options.context ?? envelopeContext(buildManifest({ ...base, data: { raw, filtered, report: reportFile, encryption: null } }));
    const encryption = options.clear ? null : { scheme: "1tt/stream@1", keys: await addJson(store, createKeyEnvelope(dataKey, readers, context)) };
    const manifest = buildManifest({ ...base, data: { raw, filtered, report: reportFile, encryption } });
    const manifestCid = (await writeManifest(store, manifest)).toString();
    const files = new Map<string, Uint8Array>();
    for (const cid of [manifestCid, filtered.cid, ...(encryption ? [encryption.keys] : [])]) {
      files.set(String(cid), await collect(store.get(cid)));
    }
    dataKey.fill(0);
    return { manifestCid, manifest, plaintext, files, contributor, consumer, outsider };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export interface ServeOptions {
  /** Bytes per piece of a response body (default 16 KiB, so chunks span pieces). */
  piece?: number;
  /** Stop sending a body after this many bytes and wait (until the request is aborted). */
  stallAfter?: number;
  /** Answer every request with this status. */
  status?: number;
}

/** A fetch that serves `files` at <any base>/ipfs/<cid> and /manifests/<cid>, recording the URLs. */
export function serveFiles(files: Map<string, Uint8Array>, options: ServeOptions = {}) {
  const asked: string[] = [];
  const fetcher = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    asked.push(url);
    init.signal?.throwIfAborted();
    if (options.status) return new Response("unavailable", { status: options.status });
    const cid = /\/(?:ipfs|manifests)\/([a-z0-9]+)$/.exec(url)?.[1];
    const bytes = cid === undefined ? undefined : files.get(cid);
    if (!bytes) return new Response("not found", { status: 404 });
    return new Response(bodyOf(bytes, options, init.signal ?? undefined), { headers: { "content-length": String(bytes.byteLength) } });
  }) as typeof fetch;
  return { fetcher, asked };
}

function bodyOf(bytes: Uint8Array, { piece = 16 * 1024, stallAfter }: ServeOptions, signal?: AbortSignal): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      signal?.addEventListener("abort", () => controller.error(signal.reason), { once: true });
    },
    pull(controller) {
      if (stallAfter !== undefined && at >= stallAfter) return new Promise<void>(() => {});
      if (at >= bytes.byteLength) {
        controller.close();
        return;
      }
      const end = Math.min(at + piece, bytes.byteLength, stallAfter ?? Infinity);
      controller.enqueue(bytes.slice(at, end));
      at = end;
    },
  });
}

/** A copy of `files` with one byte of `cid`'s bytes flipped at `offset`. */
export function withFlippedByte(files: Map<string, Uint8Array>, cid: string, offset: number): Map<string, Uint8Array> {
  const copy = new Map(files);
  const bytes = files.get(cid)!.slice();
  bytes[offset] ^= 0x01;
  copy.set(cid, bytes);
  return copy;
}
