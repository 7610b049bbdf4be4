// The one interface the rest of the oracle sees. Two implementations: the embedded store (the
// default, a folder, no daemon) and a Kubo node over its RPC API (when IPFS_API_URL is set).
// Whichever holds the bytes, the CID returned by add() is the one the oracle computed itself
// under the unixfs-v1-2025 profile (see profile.ts): it is the CID that goes on chain.
import type { CID } from "multiformats/cid";
import type { ByteSource } from "./bytes.ts";
import type { CidInput } from "./cid.ts";

export interface AddOptions {
  /** Keep the content through garbage collection. Default true: the oracle keeps what it adds. */
  pin?: boolean;
  signal?: AbortSignal;
}

export interface GetOptions {
  signal?: AbortSignal;
}

export interface ImportCarOptions {
  /** Pin the CAR's roots after importing. Default true. */
  pin?: boolean;
  signal?: AbortSignal;
}

export interface ContentStore {
  readonly kind: "embedded" | "kubo";
  /** The folder or the URL, for logs and error messages. */
  readonly location: string;

  /**
   * A store behind a network (Kubo's RPC API) says whether it answers: fails with
   * StoreUnreachableError unless it does, else returns its version. A store in this process has
   * nothing to ask and leaves it out.
   */
  ping?(): Promise<string>;

  /** Stores the bytes as a UnixFS file and returns its CID. Streams: any size, bounded memory. */
  add(source: ByteSource, options?: AddOptions): Promise<CID>;

  /**
   * The file's bytes, streamed in order as they are read. Fails on iteration with
   * CidNotFoundError when the content (or a block of it) is not there.
   */
  get(cid: CidInput, options?: GetOptions): AsyncIterable<Uint8Array>;

  /** True when the whole DAG is held locally (every block, not only the root). */
  has(cid: CidInput): Promise<boolean>;

  /** Protects the whole DAG from garbage collection; durable across restarts. */
  pin(cid: CidInput): Promise<void>;
  unpin(cid: CidInput): Promise<void>;
  isPinned(cid: CidInput): Promise<boolean>;

  /**
   * A CARv1 stream holding `roots` and every block of their DAGs (each block once). Pipe it
   * anywhere: `await pipeline(Readable.from(store.exportCar(roots)), createWriteStream(path))`.
   */
  exportCar(roots: CidInput[], options?: GetOptions): AsyncIterable<Uint8Array>;

  /** Imports a CAR stream (every block checked against its CID) and returns its roots. */
  importCar(car: ByteSource, options?: ImportCarOptions): Promise<CID[]>;

  close(): Promise<void>;
}
