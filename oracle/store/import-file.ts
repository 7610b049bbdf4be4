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
  const content = abortable(toPieces(source), options.signal);
  for await (const entry of importer([{ content }], blocks, importerOptions())) {
    root = entry.cid;
  }
  if (root === undefined) throw new Error("The importer produced no root; this is a bug in the content store.");
  return root;
}

/** The importer takes no signal: stop feeding it instead. */
async function* abortable(source: AsyncIterable<Uint8Array>, signal: AbortSignal | undefined) {
  for await (const piece of source) {
    signal?.throwIfAborted();
    yield piece;
  }
}
