// What the download tests serve and how (Node and jsdom): a fetch that answers stored bytes the
// way an IPFS gateway and the oracle do (GET /ipfs/<cid>),
// variants of a stored submission (a flipped byte, a manifest differing in one field), and the
// submission as JSON so a jsdom test can take it from a Node process (test-fixture.ts makes it
// with the oracle's program sink, which jsdom's module graph cannot load).
import { readerKeyFromPrivateKey, type ReaderKeyPair } from "../../../oracle/crypto/index.ts";
import { computeManifestCid } from "../../../oracle/manifest/write-manifest.ts";
import type { Manifest } from "../../../oracle/manifest/schema.ts";
import { encodeJson } from "../../../oracle/store/json.ts";

export const CHAIN_ID = 31337;
/** The program of the manifest fixtures (oracle/manifest/testing.ts SPLITTER). */
export const PROGRAM = { chainId: CHAIN_ID, splitter: "0x5FbDB2315678afecb367f032d93F642f64180aa3" };

export interface Submission {
  manifestCid: string;
  manifest: Manifest;
  plaintext: Uint8Array;
  /** Every stored file by CID, as a gateway serves it (forged manifests included). */
  files: Map<string, Uint8Array>;
  contributor: ReaderKeyPair;
  consumer: ReaderKeyPair;
  committee: ReaderKeyPair;
  outsider: ReaderKeyPair;
  /** The contributor's next submission (sequence 1): its own data, envelope and manifest. */
  next: { manifestCid: string; manifest: Manifest };
}

const READERS = ["contributor", "consumer", "committee", "outsider"] as const;
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/** The submission as JSON (bytes as base64, reader keys as their private keys). */
export function submissionToJson(s: Submission): string {
  return JSON.stringify({
    manifestCid: s.manifestCid,
    manifest: s.manifest,
    plaintext: Buffer.from(s.plaintext).toString("base64"),
    files: [...s.files].map(([cid, bytes]) => [cid, Buffer.from(bytes).toString("base64")]),
    keys: Object.fromEntries(READERS.map((r) => [r, hex(s[r].privateKey)])),
    next: s.next,
  });
}

export function submissionFromJson(text: string): Submission {
  const v = JSON.parse(text);
  const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, "base64"));
  const key = (r: (typeof READERS)[number]): ReaderKeyPair => readerKeyFromPrivateKey(v.keys[r]);
  return {
    manifestCid: v.manifestCid,
    manifest: v.manifest,
    plaintext: bytes(v.plaintext),
    files: new Map((v.files as [string, string][]).map(([cid, b64]) => [cid, bytes(b64)])),
    contributor: key("contributor"),
    consumer: key("consumer"),
    committee: key("committee"),
    outsider: key("outsider"),
    next: v.next,
  };
}

/** Serves `manifest` (a variant of a stored one) beside `files`; returns its CID and the new map. */
export async function withManifest(files: Map<string, Uint8Array>, manifest: Manifest): Promise<{ manifestCid: string; files: Map<string, Uint8Array> }> {
  const manifestCid = (await computeManifestCid(manifest)).toString();
  return { manifestCid, files: new Map(files).set(manifestCid, encodeJson(manifest)) };
}

export interface ServeOptions {
  /** Bytes per piece of a response body (default 16 KiB, so chunks span pieces). */
  piece?: number;
  /** Stop sending a body after this many bytes and wait (until the request is aborted). */
  stallAfter?: number;
  /** Answer every request with this status. */
  status?: number;
}

/** A fetch that serves `files` at <any base>/ipfs/<cid>, recording the URLs. */
export function serveFiles(files: Map<string, Uint8Array>, options: ServeOptions = {}) {
  const asked: string[] = [];
  const fetcher = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    asked.push(url);
    init.signal?.throwIfAborted();
    if (options.status) return new Response("unavailable", { status: options.status });
    const cid = /\/ipfs\/([a-z0-9]+)$/.exec(url)?.[1];
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
