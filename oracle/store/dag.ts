// Reading our own DAGs block by block, pull-based: nothing is read before the consumer asks for
// it (beyond a small read-ahead), so a 1 GiB file streams in a few MiB of memory.
//
// Not ipfs-unixfs-exporter: its file reader (v16) pushes every block into an unbounded queue
// without waiting for the consumer; with a slow consumer a 200 MiB file reached 422 MB RSS here.
import * as dagPb from "@ipld/dag-pb";
import { UnixFS } from "ipfs-unixfs";
import * as raw from "multiformats/codecs/raw";
import type { CID } from "multiformats/cid";
import { CidNotFoundError, UnsupportedDagError } from "./errors.ts";
import { prefetch } from "./prefetch.ts";

/** Where blocks come from: `get` returns verified bytes or throws CidNotFoundError. */
export interface BlockReader {
  /** Words for error messages, e.g. "the embedded store at /data/ipfs". */
  readonly where: string;
  get(cid: CID, options?: { signal?: AbortSignal }): Promise<Uint8Array>;
  has(cid: CID): Promise<boolean>;
}

const READ_AHEAD = 4;

interface Link {
  cid: CID;
  /** Bytes of file data under this link (from the parent's UnixFS blocksizes). */
  size: bigint;
}

function linksOf(cid: CID, bytes: Uint8Array): CID[] {
  if (cid.code === raw.code) return [];
  if (cid.code !== dagPb.code) throw new UnsupportedDagError(cid.toString(), `Codec 0x${cid.code.toString(16)}.`);
  return dagPb.decode(bytes).Links.map((l) => l.Hash);
}

function fileNode(cid: CID, bytes: Uint8Array): { data: Uint8Array | undefined; links: Link[] } {
  const node = dagPb.decode(bytes);
  if (node.Data === undefined) throw new UnsupportedDagError(cid.toString(), "A dag-pb node without UnixFS data.");
  let unixfs: UnixFS;
  try {
    unixfs = UnixFS.unmarshal(node.Data);
  } catch (cause) {
    throw new UnsupportedDagError(cid.toString(), `Bad UnixFS data: ${(cause as Error).message}`);
  }
  if (unixfs.type !== "file" && unixfs.type !== "raw") {
    throw new UnsupportedDagError(cid.toString(), `A UnixFS ${unixfs.type}, not a file.`);
  }
  if (node.Links.length !== unixfs.blockSizes.length) {
    throw new UnsupportedDagError(cid.toString(), "The number of links and of block sizes differ.");
  }
  for (const link of node.Links) {
    if (link.Hash.code !== raw.code && link.Hash.code !== dagPb.code) {
      throw new UnsupportedDagError(cid.toString(), `A link to codec 0x${link.Hash.code.toString(16)}.`);
    }
  }
  return {
    data: unixfs.data,
    links: node.Links.map((l, i) => ({ cid: l.Hash, size: unixfs.blockSizes[i] })),
  };
}

/** Rethrows a missing block as "content <root> is incomplete: block <x> is missing". */
function missingUnder(root: CID, reader: BlockReader, err: unknown): never {
  if (err instanceof CidNotFoundError) {
    throw new CidNotFoundError(root.toString(), { where: reader.where, missing: err.cid, cause: err });
  }
  throw err;
}

/** The bytes of the UnixFS file at `root`, in order, as they are read. */
export async function* readFile(
  reader: BlockReader,
  root: CID,
  options: { signal?: AbortSignal } = {},
): AsyncGenerator<Uint8Array> {
  const load = (cid: CID) => reader.get(cid, options);

  async function* visit(cid: CID, bytes: Uint8Array): AsyncGenerator<Uint8Array> {
    if (cid.code === raw.code) {
      if (bytes.byteLength > 0) yield bytes;
      return;
    }
    if (cid.code !== dagPb.code) throw new UnsupportedDagError(cid.toString(), `Codec 0x${cid.code.toString(16)}.`);
    const node = fileNode(cid, bytes);
    if (node.data !== undefined && node.data.byteLength > 0) yield node.data;
    for await (const { item, value } of prefetch(node.links, (l) => load(l.cid), READ_AHEAD)) {
      let read = 0n;
      for await (const piece of visit(item.cid, value)) {
        read += BigInt(piece.byteLength);
        yield piece;
      }
      if (read !== item.size) {
        throw new UnsupportedDagError(root.toString(), `Block ${item.cid} holds ${read} bytes, its parent says ${item.size}.`);
      }
    }
  }

  const rootBytes = await load(root);
  try {
    yield* visit(root, rootBytes);
  } catch (err) {
    missingUnder(root, reader, err);
  }
}

/**
 * Every block of the DAG at `root`, each once, depth-first with parents before children (the
 * order of `ipfs dag export`). `seen` (CID strings) lets several roots share one walk.
 */
export async function* walkBlocks(
  reader: BlockReader,
  root: CID,
  seen: Set<string> = new Set(),
): AsyncGenerator<{ cid: CID; bytes: Uint8Array }> {
  async function* visit(cid: CID, bytes: Uint8Array): AsyncGenerator<{ cid: CID; bytes: Uint8Array }> {
    yield { cid, bytes };
    const children = linksOf(cid, bytes).filter((c) => {
      const key = c.toString();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    for await (const { item, value } of prefetch(children, (c) => reader.get(c), READ_AHEAD)) {
      yield* visit(item, value);
    }
  }
  const key = root.toString();
  if (seen.has(key)) return;
  seen.add(key);
  const bytes = await reader.get(root);
  try {
    yield* visit(root, bytes);
  } catch (err) {
    missingUnder(root, reader, err);
  }
}

/**
 * The first block of the DAG that is not held, or undefined when the DAG is complete. Raw
 * leaves are only checked for presence (not read); dag-pb nodes are read, verified, followed.
 */
export async function findMissing(reader: BlockReader, root: CID): Promise<CID | undefined> {
  const visit = async (cid: CID): Promise<CID | undefined> => {
    if (cid.code === raw.code) return (await reader.has(cid)) ? undefined : cid;
    let bytes: Uint8Array;
    try {
      bytes = await reader.get(cid);
    } catch (err) {
      if (err instanceof CidNotFoundError) return cid;
      throw err;
    }
    for (const child of linksOf(cid, bytes)) {
      const missing = await visit(child);
      if (missing !== undefined) return missing;
    }
    return undefined;
  };
  return visit(root);
}
