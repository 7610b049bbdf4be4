// The CID the oracle anchors on chain: computed here, from the bytes alone, whatever store
// (or none) holds them.
import type { CID } from "multiformats/cid";
import type { ByteSource } from "./bytes.ts";
import { importFile } from "./import-file.ts";

/** A blockstore that keeps nothing: the importer hashes every block and we drop the bytes. */
const discard = { put: async (cid: CID) => cid };

/** The CID of `source` under the unixfs-v1-2025 profile, without storing anything. */
export function computeCid(source: ByteSource, options: { signal?: AbortSignal } = {}): Promise<CID> {
  return importFile(source, discard, options);
}
