import { computeCid } from "../store/compute-cid.ts";
import type { ContentStore, GetOptions } from "../store/content-store.ts";
import { cidKey, parseCid, type CidInput } from "../store/cid.ts";
import { canonicalJsonBytes } from "../protocol/canonical-json.ts";
import { ManifestCidMismatchError, ManifestNotCanonicalError, ManifestNotJsonError } from "./errors.ts";
import type { Manifest } from "./schema.ts";
import { validateManifest } from "./validate-manifest.ts";

/** Manifests are a few kilobytes; anything much larger is not one. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface ReadManifestOptions extends GetOptions {
  /**
   * Re-hash the bytes and check them against the CID, and check they are canonical JSON.
   * Default true: a store or gateway is not trusted to serve what it was asked for.
   */
  verify?: boolean;
}

/**
 * Reads the manifest at `cid` and validates it. Throws CidNotFoundError (from the store) when it
 * is absent, ManifestNotJsonError, ManifestCidMismatchError, ManifestNotCanonicalError or
 * ManifestInvalidError (naming each bad field) when it is not a conforming manifest.
 */
export async function readManifest(store: ContentStore, cid: CidInput, options: ReadManifestOptions = {}): Promise<Manifest> {
  const parsedCid = parseCid(cid);
  const key = cidKey(parsedCid);
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const part of store.get(parsedCid, options)) {
    length += part.byteLength;
    if (length > MAX_MANIFEST_BYTES) throw new ManifestNotJsonError(key, `It is larger than ${MAX_MANIFEST_BYTES} bytes.`);
    parts.push(part);
  }
  // Plain Uint8Array work (no Buffer): the audit runs this in browsers too.
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  if (options.verify !== false) {
    const actual = cidKey(await computeCid(bytes));
    if (actual !== key) throw new ManifestCidMismatchError(key, actual);
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new ManifestNotJsonError(key, (cause as Error).message, cause);
  }
  const manifest = validateManifest(value, { cid: key, stage: "read" });
  if (options.verify !== false && !sameBytes(canonicalJsonBytes(value), bytes)) throw new ManifestNotCanonicalError(key);
  return manifest;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
