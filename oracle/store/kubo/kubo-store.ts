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
import { untilStalled, withTimeout } from "./stall-timeout.ts";
import { isNotFoundMessage, isNotPinnedMessage, translateKuboError } from "./translate-error.ts";

export interface KuboStoreOptions {
  /** Extra request headers, e.g. `{ authorization: "Bearer …" }` for Kubo's API.Authorizations. */
  headers?: Record<string, string>;
  /** Per-request timeout in ms for the node's RPC calls (none by default: large files take time). */
  timeoutMs?: number;
  /**
   * How long a read waits for the node's next bytes, and a lookup (has, pin) for its answer,
   * before the content counts as not found. Default 30 s.
   */
  lookupTimeoutMs?: number;
}

export const DEFAULT_LOOKUP_TIMEOUT_MS = 30_000;

export class KuboStore implements ContentStore {
  readonly kind = "kubo" as const;
  readonly location: string;
  readonly #client: KuboRPCClient;
  readonly #where: string;
  readonly #lookupMs: number;

  constructor(url: URL | string, options: KuboStoreOptions = {}) {
    this.location = String(url).replace(/\/+$/, "");
    this.#where = `the IPFS node at ${this.location}`;
    this.#client = create({ url: this.location, headers: options.headers, timeout: options.timeoutMs });
    this.#lookupMs = options.lookupTimeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS;
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
      yield* untilStalled((signal) => this.#client.cat(root, { signal }), this.#lookupMs, options.signal, (beforeFirst) => this.#stalled(root, "/api/v0/cat", beforeFirst));
    } catch (err) {
      if (err instanceof CidNotFoundError || err instanceof StoreRequestError) throw err;
      const translated = translateKuboError(err, { url: this.location, endpoint: "/api/v0/cat" });
      if (isNotFoundMessage(translated)) {
        throw new CidNotFoundError(root.toString(), { where: this.#where, cause: translated });
      }
      throw translated;
    }
  }

  /** The error of a read that got no bytes for the lookup timeout. */
  #stalled(root: CID, endpoint: string, beforeFirst: boolean): Error {
    const seconds = this.#lookupMs / 1000;
    if (beforeFirst) {
      return new CidNotFoundError(root.toString(), { where: this.#where, cause: new Error(`${endpoint} sent nothing for ${seconds} s: the node does not hold it and did not find it on the network`) });
    }
    return new StoreRequestError(endpoint, { url: this.location, message: `the read of ${root} stalled: no bytes for ${seconds} s (a block of it is missing on the node and was not found on the network)` });
  }

  /**
   * Whether the whole DAG is in the node's repository. What the oracle stored is pinned, and a
   * recursive pin holds every block (pin/ls, which Kubo and js-ipfs both serve); otherwise Kubo
   * answers files/stat with-local offline. js-ipfs ignores both flags and searches the network
   * for a block it lacks: no answer within the lookup timeout counts as absent.
   */
  async has(cid: CidInput): Promise<boolean> {
    const root = parseCid(cid);
    if (await this.isPinned(root)) return true;
    const lookup = withTimeout(this.#lookupMs);
    try {
      const stat = await this.#call("/api/v0/files/stat", () =>
        this.#client.files.stat(`/ipfs/${root}`, { withLocal: true, offline: true, signal: lookup.signal } as { withLocal: boolean; signal: AbortSignal }),
      );
      return stat.local === true;
    } catch (err) {
      if (isNotFoundMessage(err) || lookup.timedOut()) return false;
      throw err;
    }
  }

  /** Pins the whole DAG; CidNotFoundError when the node cannot gather it within the lookup timeout. */
  async pin(cid: CidInput): Promise<void> {
    const root = parseCid(cid);
    const lookup = withTimeout(this.#lookupMs);
    try {
      await this.#call("/api/v0/pin/add", () => this.#client.pin.add(root, { recursive: true, signal: lookup.signal }));
    } catch (err) {
      if (lookup.timedOut()) throw new CidNotFoundError(root.toString(), { where: this.#where, cause: new Error(`pin/add did not finish in ${this.#lookupMs / 1000} s: blocks of it are missing on the node`) });
      throw err;
    }
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
    const lookup = withTimeout(this.#lookupMs);
    try {
      return await this.#call("/api/v0/pin/ls", async () => {
        for await (const pin of this.#client.pin.ls({ paths: [root], type: "recursive", signal: lookup.signal })) {
          if (pin.cid.equals(root)) return true;
        }
        return false;
      });
    } catch (err) {
      if (isNotPinnedMessage(err)) return false;
      if (lookup.timedOut()) throw new StoreRequestError("/api/v0/pin/ls", { url: this.location, message: `the node did not answer within ${this.#lookupMs / 1000} s` });
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
    const lookupMs = this.#lookupMs;
    const stalled = (root: CID, beforeFirst: boolean) => this.#stalled(root, "/api/v0/dag/export", beforeFirst);
    async function* blocks() {
      const seen = new Set<string>();
      for (const root of cids) {
        try {
          // A CAR's header names the root before any block: the content is missing until a block comes.
          let blocksOfRoot = 0;
          const car = untilStalled((signal) => client.dag.export(root, { signal }), lookupMs, options.signal, () => stalled(root, blocksOfRoot === 0));
          const { blocks: rootBlocks } = await readCar(car, where);
          for await (const block of rootBlocks) {
            blocksOfRoot++;
            const key = block.cid.toString();
            if (seen.has(key)) continue;
            seen.add(key);
            yield block;
          }
        } catch (err) {
          if (err instanceof CidNotFoundError || err instanceof StoreRequestError) throw err;
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
