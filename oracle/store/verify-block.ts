// A block is only trusted when its bytes hash to its CID: bytes read back from disk and blocks
// received in a CAR file are both checked before use.
import { createHash } from "node:crypto";
import type { CID } from "multiformats/cid";
import { BlockCorruptError, UnsupportedDagError } from "./errors.ts";
import { UNIXFS_V1_2025 } from "./profile.ts";

export function verifyBlock(cid: CID, bytes: Uint8Array, where: string): void {
  if (cid.multihash.code !== UNIXFS_V1_2025.hashCode) {
    throw new UnsupportedDagError(cid.toString(), `Hash 0x${cid.multihash.code.toString(16)} is not sha2-256.`);
  }
  const digest = createHash("sha256").update(bytes).digest();
  if (!digest.equals(cid.multihash.digest)) throw new BlockCorruptError(cid.toString(), { where });
}
