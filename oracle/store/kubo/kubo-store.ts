// The content store backed by a Kubo node, through its RPC API (kubo-rpc-client).
//
// The node stores and serves; it does not decide CIDs. add() streams the bytes to the node and,
// from the same pieces, computes the CID locally under unixfs-v1-2025 (hash-while-streaming.ts).
// The node adds unpinned; only when its CID equals ours is the content pinned, otherwise
// CidMismatchError. What goes on chain is always the oracle's own CID.
import { create } from "kubo-rpc-client";
import type { KuboRPCClient } from "kubo-rpc-client";
import type { CID } from "multiformats/cid";
import { toPieces } from "../bytes.ts";
import type { ByteSource } from "../bytes.ts";
import { readCar, writeCar } from "../car.ts";
import { parseCid } from "../cid.ts";
import type { CidInput } from "../cid.ts";
import type { AddOptions, ContentStore, GetOptions, ImportCarOptions } from "../content-store.ts";
import { CidMismatchError, CidNotFoundError, StoreRequestError } from "../errors.ts";
import { kuboAddOptions } from "../profile.ts";
import { hashWhileStreaming } from "./hash-while-streaming.ts";
import { isNotFoundMessage, isNotPinnedMessage, translateKuboError } from "./translate-error.ts";

export interface KuboStoreOptions {
  /** Extra request headers, e.g. `{ authorization: "Bearer …" }` for Kubo's API.Authorizations. */
  headers?: Record<string, string>;
  /** Per-request timeout in ms for the node's RPC calls (none by default: large files take time). */
  timeoutMs?: number;
}

export class KuboStore implements ContentStore {
  readonly kind = "kubo" as const;
  readonly location: string;
  readonly #client: KuboRPCClient;
  readonly #where: string;

  constructor(url: URL | string, options: KuboStoreOptions = {}) {
    this.location = String(url).replace(/\/+$/, "");
    this.#where = `the IPFS node at ${this.location}`;
    this.#client = create({ url: this.location, headers: options.headers, timeout: options.timeoutMs });
  }

  /** Runs one RPC call, turning transport and node errors into the store's error classes. */
  async #call<T>(endpoint: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw translateKuboError(err, { url: this.location, endpoint });
    }
  }

  /** Fails with StoreUnreachableError unless the node answers. Returns its version. */
  async ping(): Promise<string> {
    const v = await this.#call("/api/v0/version", () => this.#client.version());
    return v.version;
  }

  async add(source: ByteSource, options: AddOptions = {}): Promise<CID> {
    const tee = hashWhileStreaming(toPieces(source));
    let added: CID;
    try {
      const result = await this.#call("/api/v0/add", () =>
        this.#client.add({ content: tee.stream }, { ...kuboAddOptions(), pin: false, signal: options.signal }),
      );
      added = result.cid;
    } catch (err) {
      tee.abort(err);
      // If the source itself failed, that is the error to report, not the aborted upload.
      throw tee.sourceError() ?? err;
    }
    const ours = await tee.cid;
    if (added.toString() !== ours.toString()) {
      throw new CidMismatchError({ expected: ours.toString(), actual: String(added), url: this.location });
    }
    if (options.pin ?? true) await this.pin(ours);
    return ours;
  }

  async *get(cid: CidInput, options: GetOptions = {}): AsyncGenerator<Uint8Array> {
    const root = parseCid(cid);
    try {
      yield* this.#client.cat(root, { signal: options.signal });
    } catch (err) {
      const translated = translateKuboError(err, { url: this.location, endpoint: "/api/v0/cat" });
      if (isNotFoundMessage(translated)) {
        throw new CidNotFoundError(root.toString(), { where: this.#where, cause: translated });
      }
      throw translated;
    }
  }

  /** Asks the node, offline, whether the whole DAG is in its local repository. */
  async has(cid: CidInput): Promise<boolean> {
    const root = parseCid(cid);
    try {
      const stat = await this.#call("/api/v0/files/stat", () =>
        this.#client.files.stat(`/ipfs/${root}`, { withLocal: true, offline: true } as { withLocal: boolean }),
      );
      return stat.local === true;
    } catch (err) {
      if (isNotFoundMessage(err)) return false;
      throw err;
    }
  }

  async pin(cid: CidInput): Promise<void> {
    const root = parseCid(cid);
    await this.#call("/api/v0/pin/add", () => this.#client.pin.add(root, { recursive: true }));
  }

  async unpin(cid: CidInput): Promise<void> {
    const root = parseCid(cid);
    try {
      await this.#call("/api/v0/pin/rm", () => this.#client.pin.rm(root, { recursive: true }));
    } catch (err) {
      if (!isNotPinnedMessage(err)) throw err;
    }
  }

  async isPinned(cid: CidInput): Promise<boolean> {
    const root = parseCid(cid);
    try {
      return await this.#call("/api/v0/pin/ls", async () => {
        for await (const pin of this.#client.pin.ls({ paths: [root], type: "recursive" })) {
          if (pin.cid.equals(root)) return true;
        }
        return false;
      });
    } catch (err) {
      if (isNotPinnedMessage(err)) return false;
      throw err;
    }
  }

  /**
   * One CAR for all roots. Kubo's dag/export takes one root, so each root's CAR is read, its
   * blocks checked against their CIDs, and re-written once into a single stream.
   */
  async *exportCar(roots: CidInput[], options: GetOptions = {}): AsyncGenerator<Uint8Array> {
    const cids = roots.map((r) => parseCid(r));
    const client = this.#client;
    const where = this.#where;
    const url = this.location;
    async function* blocks() {
      const seen = new Set<string>();
      for (const root of cids) {
        try {
          const { blocks: rootBlocks } = await readCar(client.dag.export(root, { signal: options.signal }), where);
          for await (const block of rootBlocks) {
            const key = block.cid.toString();
            if (seen.has(key)) continue;
            seen.add(key);
            yield block;
          }
        } catch (err) {
          const translated = translateKuboError(err, { url, endpoint: "/api/v0/dag/export" });
          if (isNotFoundMessage(translated)) throw new CidNotFoundError(root.toString(), { where, cause: translated });
          throw translated;
        }
      }
    }
    yield* writeCar(cids, blocks());
  }

  async importCar(car: ByteSource, options: ImportCarOptions = {}): Promise<CID[]> {
    const pinRoots = options.pin ?? true;
    return this.#call("/api/v0/dag/import", async () => {
      const roots: CID[] = [];
      for await (const { root } of this.#client.dag.import([toPieces(car)], {
        pinRoots,
        signal: options.signal,
      })) {
        if (root.pinErrorMsg) {
          throw new StoreRequestError("/api/v0/dag/import", { url: this.location, message: root.pinErrorMsg });
        }
        roots.push(root.cid);
      }
      return roots;
    });
  }

  async close(): Promise<void> {}
}
