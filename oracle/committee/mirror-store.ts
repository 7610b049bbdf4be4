// A member's own copy of what it reads: every file fetched from the leader's gateway (or any
// source) is added to the member's embedded store first, its CID recomputed with the fixed import
// profile and compared, and then read from there. So a member holds every manifest, key envelope
// and ciphertext it verified, can re-read them without the leader, and its folder can serve a new
// leader after a takeover (`1tt node takeover`). Writes go to the local store only.
import type { CID } from "multiformats/cid";
import type { ByteSource } from "../store/bytes.ts";
import { cidKey, parseCid, type CidInput } from "../store/cid.ts";
import type { AddOptions, ContentStore, GetOptions, ImportCarOptions } from "../store/content-store.ts";
import { StoreError } from "../store/errors.ts";

export class MirrorStore implements ContentStore {
  readonly kind = "embedded" as const;
  readonly #remote: ContentStore;
  readonly #local: ContentStore;

  constructor(remote: ContentStore, local: ContentStore) {
    this.#remote = remote;
    this.#local = local;
  }

  get location(): string {
    return `${this.#local.location} (copied from ${this.#remote.location})`;
  }

  async *get(cid: CidInput, options: GetOptions = {}): AsyncIterable<Uint8Array> {
    if (!(await this.#local.has(cid))) {
      const wanted = cidKey(parseCid(cid));
      const got = await this.#local.add(this.#remote.get(cid, options), { signal: options.signal });
      if (cidKey(got) !== wanted) {
        await this.#local.unpin(got).catch(() => {});
        throw new StoreError(`The bytes ${this.#remote.location} served for ${wanted} hash to ${cidKey(got)}: they are not that content.`);
      }
    }
    yield* this.#local.get(cid, options);
  }

  add(source: ByteSource, options?: AddOptions): Promise<CID> {
    return this.#local.add(source, options);
  }
  has(cid: CidInput): Promise<boolean> {
    return this.#local.has(cid);
  }
  pin(cid: CidInput): Promise<void> {
    return this.#local.pin(cid);
  }
  unpin(cid: CidInput): Promise<void> {
    return this.#local.unpin(cid);
  }
  isPinned(cid: CidInput): Promise<boolean> {
    return this.#local.isPinned(cid);
  }
  exportCar(roots: CidInput[], options?: GetOptions): AsyncIterable<Uint8Array> {
    return this.#local.exportCar(roots, options);
  }
  importCar(car: ByteSource, options?: ImportCarOptions): Promise<CID[]> {
    return this.#local.importCar(car, options);
  }
  async close(): Promise<void> {
    await this.#remote.close();
    await this.#local.close();
  }
}
