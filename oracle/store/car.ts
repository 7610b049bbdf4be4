// CAR files (CARv1): how DAGs move between stores, e.g. from the embedded store into a Kubo
// node (`ipfs dag import`). Writing streams; reading checks every block against its CID, since
// a CAR file can come from anyone.
import { CarBlockIterator } from "@ipld/car/iterator";
import { CarWriter } from "@ipld/car/writer";
import type { CID } from "multiformats/cid";
import { toPieces } from "./bytes.ts";
import type { ByteSource } from "./bytes.ts";
import { parseCid } from "./cid.ts";
import { verifyBlock } from "./verify-block.ts";

export interface Block {
  cid: CID;
  bytes: Uint8Array;
}

/** A CARv1 stream with `roots` in its header and `blocks` as its body, produced as it is read. */
export async function* writeCar(roots: CID[], blocks: AsyncIterable<Block>): AsyncGenerator<Uint8Array> {
  const { writer, out } = CarWriter.create(roots);
  // CarWriter's put() resolves once its output has been read: the feeder waits for us, so at
  // most one block is buffered between the walk and the consumer.
  const feeding = (async () => {
    try {
      for await (const block of blocks) await writer.put(block);
    } finally {
      await writer.close();
    }
  })();
  feeding.catch(() => {}); // rethrown below once the output has ended
  for await (const chunk of out) yield chunk;
  await feeding;
}

/** The roots and the verified blocks of a CAR stream. */
export async function readCar(
  source: ByteSource,
  where: string,
): Promise<{ roots: CID[]; blocks: AsyncGenerator<Block> }> {
  const iterator = await CarBlockIterator.fromIterable(toPieces(source));
  const roots = (await iterator.getRoots()).map((r) => parseCid(r));
  async function* blocks(): AsyncGenerator<Block> {
    for await (const { cid, bytes } of iterator) {
      const checked = parseCid(cid);
      verifyBlock(checked, bytes, where);
      yield { cid: checked, bytes };
    }
  }
  return { roots, blocks: blocks() };
}
