// The one place that says how bytes become a CID. The CID anchored on chain is computed by the
// oracle with these parameters, never by a library default: ipfs-unixfs-importer's `profile`
// option fills in only the values the caller left out (and mutates the options object), so a
// future default change could silently move every CID. Every parameter that reaches a block's
// bytes is therefore written out here and passed explicitly.
//
// unixfs-v1-2025 is the IPIP-499 profile; Kubo nodes created with `ipfs init
// --profile=unixfs-v1-2025` produce the same CIDs (see compute-cid.test.ts for Kubo's own
// published vectors, which these settings reproduce).
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import { balanced } from "ipfs-unixfs-importer/layout";
import type { ImporterOptions } from "ipfs-unixfs-importer";

export const UNIXFS_V1_2025 = Object.freeze({
  name: "unixfs-v1-2025",
  /** CIDv1 for every block, base32 (`bafy…` / `bafk…`) when printed. */
  cidVersion: 1,
  /** sha2-256 (multihash code 0x12); the importer has no other hasher, asserted in tests. */
  hash: "sha2-256",
  hashCode: 0x12,
  /** File data lives in `raw` blocks (codec 0x55), never wrapped in a UnixFS protobuf. */
  rawLeaves: true,
  /** Fixed-size chunks of exactly 1 MiB (Kubo: `--chunker=size-1048576`). */
  chunkSize: 1_048_576,
  /** Balanced DAG, at most 1024 links per node (Kubo: `--max-file-links=1024`, not trickle). */
  layout: "balanced",
  maxChildrenPerNode: 1024,
  /** A file of one chunk is that raw block itself, not a dag-pb node with one link. */
  reduceSingleLeafToSelf: true,
  /** dag-pb field order of the Go implementation (Links before Data). */
  fieldOrder: "links-first",
  /** No mode/mtime metadata: it would force a dag-pb root and change the CID. */
  metadata: false,
  /** Files are imported bare, never wrapped in a directory. */
  wrapWithDirectory: false,
} as const);

/** How many blocks the importer hashes and writes at once: speed only, never the CID. */
const BLOCK_WRITE_CONCURRENCY = 8;

/** Options for `importer()` that pin every parameter of {@link UNIXFS_V1_2025}. */
export function importerOptions(): ImporterOptions {
  const p = UNIXFS_V1_2025;
  return {
    cidVersion: p.cidVersion,
    rawLeaves: p.rawLeaves,
    reduceSingleLeafToSelf: p.reduceSingleLeafToSelf,
    fieldOrder: p.fieldOrder,
    wrapWithDirectory: p.wrapWithDirectory,
    chunker: fixedSize({ chunkSize: p.chunkSize }),
    layout: balanced({ maxChildrenPerNode: p.maxChildrenPerNode }),
    // Only relevant for leaves that are not raw; set so it cannot drift either.
    leafType: "raw",
    blockWriteConcurrency: BLOCK_WRITE_CONCURRENCY,
  };
}

export interface KuboAddOptions {
  cidVersion: 1;
  rawLeaves: true;
  chunker: string;
  hashAlg: string;
  trickle: false;
  maxFileLinks: number;
  wrapWithDirectory: false;
}

/**
 * The same profile in Kubo's RPC vocabulary (/api/v0/add). kubo-rpc-client sends option names
 * kebab-cased (`cidVersion` → `cid-version`, `hashAlg` → `hash`, `maxFileLinks` →
 * `max-file-links`). Whatever the node does with them, the oracle compares the node's CID with
 * its own and refuses a difference.
 */
export function kuboAddOptions(): KuboAddOptions {
  const p = UNIXFS_V1_2025;
  return {
    cidVersion: p.cidVersion,
    rawLeaves: p.rawLeaves,
    chunker: `size-${p.chunkSize}`,
    hashAlg: p.hash,
    trickle: false,
    maxFileLinks: p.maxChildrenPerNode,
    wrapWithDirectory: p.wrapWithDirectory,
  };
}
