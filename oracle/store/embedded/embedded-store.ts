// The default content store: real UnixFS DAGs in a folder, no daemon.
//
//   <dir>/store.json   what this folder is (format and CID profile), checked on open
//   <dir>/blocks/      one file per block (blockstore-fs, keyed by multihash)
//   <dir>/pins/        one file per pinned root (pin-set.ts)
//
// The block layout is not a Kubo repository: move content into Kubo with exportCar() and
// `ipfs dag import`. There is no garbage collector yet: unpinned content stays until the
// folder is removed, and an add() that fails halfway leaves its blocks behind unreferenced.
import { mkdir, readFile as readTextFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { FsBlockstore } from "blockstore-fs";
import type { WritableStorage } from "ipfs-unixfs-importer";
import type { CID } from "multiformats/cid";
import { collect } from "../bytes.ts";
import type { ByteSource } from "../bytes.ts";
import { readCar, writeCar } from "../car.ts";
import { parseCid } from "../cid.ts";
import type { CidInput } from "../cid.ts";
import type { AddOptions, ContentStore, GetOptions, ImportCarOptions } from "../content-store.ts";
import { findMissing, readFile, walkBlocks } from "../dag.ts";
import type { BlockReader } from "../dag.ts";
import { CidNotFoundError, InvalidStoreConfigError } from "../errors.ts";
import { importFile } from "../import-file.ts";
import { UNIXFS_V1_2025 } from "../profile.ts";
import { verifyBlock } from "../verify-block.ts";
import { PinSet } from "./pin-set.ts";

const MARKER = { format: "1tt-content-store", version: 1, profile: UNIXFS_V1_2025.name };

export class EmbeddedStore implements ContentStore {
  readonly kind = "embedded" as const;
  readonly location: string;
  readonly #blocks: FsBlockstore;
  readonly #pins: PinSet;
  readonly #reader: BlockReader;
  /**
   * A block is named by its hash and written atomically (a temporary file, then a rename), so one
   * already there is complete: writing it again would only cost the disk (repetitive data
   * repeats its leaves).
   */
  readonly #writable: WritableStorage = {
    put: async (cid, bytes, options) => ((await this.#blocks.has(cid)) ? cid : this.#blocks.put(cid, bytes, options)),
  };

  private constructor(dir: string) {
    this.location = dir;
    this.#blocks = new FsBlockstore(join(dir, "blocks"));
    this.#pins = new PinSet(join(dir, "pins"));
    const where = `the embedded store at ${dir}`;
    const blocks = this.#blocks;
    this.#reader = {
      where,
      async get(cid, options) {
        let bytes: Uint8Array;
        try {
          bytes = await collect(blocks.get(cid, options));
        } catch (err) {
          if ((err as Error).name === "NotFoundError") {
            throw new CidNotFoundError(cid.toString(), { where, cause: err });
          }
          throw err;
        }
        verifyBlock(cid, bytes, where);
        // blockstore-fs reads Buffers; hand out plain Uint8Array views of the same memory.
        return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      },
      has: (cid) => blocks.has(cid),
    };
  }

  /** Opens (creating if needed) the store in `dir`. */
  static async open(dir: string): Promise<EmbeddedStore> {
    const store = new EmbeddedStore(resolve(dir));
    await store.#init();
    return store;
  }

  async #init(): Promise<void> {
    await mkdir(this.location, { recursive: true });
    const markerPath = join(this.location, "store.json");
    let found: string | undefined;
    try {
      found = await readTextFile(markerPath, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    if (found === undefined) {
      await writeFile(markerPath, `${JSON.stringify(MARKER, null, 2)}\n`);
    } else {
      let marker: Partial<typeof MARKER> = {};
      try {
        marker = JSON.parse(found);
      } catch {}
      if (marker.format !== MARKER.format || marker.version !== MARKER.version || marker.profile !== MARKER.profile) {
        throw new InvalidStoreConfigError(
          "store folder",
          this.location,
          `its store.json says ${found.trim()}, this oracle writes ${JSON.stringify(MARKER)}`,
          "Point the store at an empty folder or at one this version of the oracle created.",
        );
      }
    }
    await this.#blocks.open();
    await this.#pins.open();
  }

  async add(source: ByteSource, options: AddOptions = {}): Promise<CID> {
    const cid = await importFile(source, this.#writable, { signal: options.signal });
    if (options.pin ?? true) await this.#pins.add(cid);
    return cid;
  }

  async *get(cid: CidInput, options: GetOptions = {}): AsyncGenerator<Uint8Array> {
    yield* readFile(this.#reader, parseCid(cid), options);
  }

  async has(cid: CidInput): Promise<boolean> {
    return (await findMissing(this.#reader, parseCid(cid))) === undefined;
  }

  async pin(cid: CidInput): Promise<void> {
    const root = parseCid(cid);
    const missing = await findMissing(this.#reader, root);
    if (missing !== undefined) {
      throw new CidNotFoundError(root.toString(), { where: this.#reader.where, missing: missing.toString() });
    }
    await this.#pins.add(root);
  }

  async unpin(cid: CidInput): Promise<void> {
    await this.#pins.remove(parseCid(cid));
  }

  isPinned(cid: CidInput): Promise<boolean> {
    return this.#pins.has(parseCid(cid));
  }

  /** Every pinned root. */
  pins(): Promise<CID[]> {
    return this.#pins.list();
  }

  async *exportCar(roots: CidInput[], _options: GetOptions = {}): AsyncGenerator<Uint8Array> {
    const cids = roots.map((r) => parseCid(r));
    const reader = this.#reader;
    async function* blocks() {
      const seen = new Set<string>();
      for (const root of cids) yield* walkBlocks(reader, root, seen);
    }
    yield* writeCar(cids, blocks());
  }

  async importCar(car: ByteSource, options: ImportCarOptions = {}): Promise<CID[]> {
    const { roots, blocks } = await readCar(car, "the imported CAR file");
    for await (const { cid, bytes } of blocks) {
      options.signal?.throwIfAborted();
      await this.#blocks.put(cid, bytes);
    }
    if (options.pin ?? true) {
      for (const root of roots) await this.pin(root);
    }
    return roots;
  }

  async close(): Promise<void> {
    await this.#blocks.close();
  }
}
