// The content store's public surface. Import from here, not from the files behind it.
export type { ByteSource } from "./bytes.ts";
export { cidKey, parseCid } from "./cid.ts";
export type { CidInput } from "./cid.ts";
export { computeCid } from "./compute-cid.ts";
export type { AddOptions, ContentStore, GetOptions, ImportCarOptions } from "./content-store.ts";
export { createContentStore, DEFAULT_STORE_DIR, parseApiUrl } from "./create-content-store.ts";
export type { ContentStoreEnv, CreateContentStoreOptions } from "./create-content-store.ts";
export { EmbeddedStore } from "./embedded/embedded-store.ts";
export {
  BlockCorruptError,
  CidMismatchError,
  CidNotFoundError,
  InvalidCidError,
  InvalidStoreConfigError,
  StoreError,
  StoreRequestError,
  StoreUnreachableError,
  UnsupportedDagError,
} from "./errors.ts";
export { addJson, computeJsonCid, ContentNotJsonError, encodeJson, getJson } from "./json.ts";
export { KuboStore } from "./kubo/kubo-store.ts";
export type { KuboStoreOptions } from "./kubo/kubo-store.ts";
export { kuboAddOptions, UNIXFS_V1_2025 } from "./profile.ts";
