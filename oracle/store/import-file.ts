// Bytes in, UnixFS file DAG out, with the pinned profile. Streaming: the importer holds at most
// a few 1 MiB chunks at a time, whatever the size of the source.
import { importer } from "ipfs-unixfs-importer";
import type { WritableStorage } from "ipfs-unixfs-importer";
import type { CID } from "multiformats/cid";
import { toPieces } from "./bytes.ts";
import type { ByteSource } from "./bytes.ts";
import { importerOptions } from "./profile.ts";

export async function importFile(
  source: ByteSource,
  blocks: WritableStorage,
  options: { signal?: AbortSignal } = {},
): Promise<CID> {
  let root: CID | undefined;
  const content = toPieces(source);
  for await (const entry of importer([{ content }], blocks, { ...importerOptions(), signal: options.signal })) {
    root = entry.cid;
  }
  if (root === undefined) throw new Error("The importer produced no root; this is a bug in the content store.");
  return root;
}
