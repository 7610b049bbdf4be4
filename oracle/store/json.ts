// Manifests and reports as JSON on IPFS.
//
// A JSON document is stored as an ordinary UnixFS file under the same unixfs-v1-2025 profile,
// so every gateway serves it at /ipfs/<cid> and `ipfs cat` prints it; a manifest under 1 MiB
// is a single raw block. Its bytes are canonical JSON (RFC 8785: oracle/protocol/canonical-json.ts),
// so the same value gives the same CID on every machine whatever order its keys were built in.
import type { CID } from "multiformats/cid";
import { canonicalJsonBytes } from "../protocol/canonical-json.ts";
import { collect } from "./bytes.ts";
import type { CidInput } from "./cid.ts";
import { computeCid } from "./compute-cid.ts";
import type { AddOptions, ContentStore, GetOptions } from "./content-store.ts";
import { StoreError } from "./errors.ts";

/** The content at a CID is not a JSON document (or is larger than the caller allows). */
export class ContentNotJsonError extends StoreError {
  override name = "ContentNotJsonError";
  readonly cid: string;

  constructor(cid: string, details: string, cause?: unknown) {
    super(`Content ${cid} is not a JSON document.`, {
      details,
      hint: "Check that this CID names a manifest or report (not the data itself).",
      cause,
    });
    this.cid = cid;
  }
}

/** The canonical UTF-8 bytes of a JSON value (RFC 8785, oracle/protocol/canonical-json.ts). */
export const encodeJson = (value: unknown): Uint8Array => canonicalJsonBytes(value);

/** The CID `addJson` would return, without storing. */
export function computeJsonCid(value: unknown): Promise<CID> {
  return computeCid(encodeJson(value));
}

export function addJson(store: ContentStore, value: unknown, options?: AddOptions): Promise<CID> {
  return store.add(encodeJson(value), options);
}

export async function getJson<T = unknown>(
  store: ContentStore,
  cid: CidInput,
  options: GetOptions & { maxBytes?: number } = {},
): Promise<T> {
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  let bytes: Uint8Array;
  try {
    bytes = await collect(store.get(cid, options), maxBytes);
  } catch (err) {
    if (err instanceof RangeError) throw new ContentNotJsonError(String(cid), `It is larger than ${maxBytes} bytes.`);
    throw err;
  }
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as T;
  } catch (cause) {
    throw new ContentNotJsonError(String(cid), (cause as Error).message, cause);
  }
}
