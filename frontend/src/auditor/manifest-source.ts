// Where the auditor page reads manifests: the browser cannot open an embedded store folder or a
// Kubo RPC API (no CORS, often private), so it fetches each manifest over HTTP, from an IPFS
// gateway (GET <gateway>/ipfs/<cid>) or from the oracle (GET <oracle>/manifests/<cid>). Nothing
// fetched is trusted: the audit reads every manifest through oracle/manifest's readManifest,
// which re-hashes the bytes against the CID (computeCid) and validates the schema and the
// canonical encoding. This is a read-only ContentStore with only `get`; every other method throws.
import type { CID } from "multiformats/cid";
import { CidNotFoundError, StoreError } from "../../../oracle/store/errors.ts";
import { encodeJson } from "../../../oracle/store/json.ts";
import type { ContentStore, GetOptions } from "../../../oracle/store/content-store.ts";
import { cidKey, parseCid, type CidInput } from "../../../oracle/store/cid.ts";
import { MAX_MANIFEST_BYTES } from "../../../oracle/manifest/read-manifest.ts";

export type ManifestSource = { kind: "gateway"; url: string } | { kind: "oracle"; url: string };

/** The URL a manifest is fetched from. */
export function manifestUrl(source: ManifestSource, cid: string): string {
  const base = source.url.replace(/\/+$/, "");
  return source.kind === "gateway" ? `${base}/ipfs/${cid}` : `${base}/manifests/${cid}`;
}

export function describeSource(source: ManifestSource): string {
  return source.kind === "gateway" ? `the IPFS gateway ${source.url}` : `the oracle at ${source.url}`;
}

/**
 * The bytes to check against the CID. A gateway serves the stored file as it is. The oracle
 * serves the manifest as a JSON answer its web framework re-serialized, so its bytes are brought
 * back to the canonical encoding the oracle stored (oracle/store/json.ts encodeJson): if they then
 * hash to the CID, the value is exactly the one committed to; any other value fails the check.
 */
export function bytesToVerify(source: ManifestSource, body: Uint8Array): Uint8Array {
  if (source.kind === "gateway") return body;
  try {
    return encodeJson(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body)));
  } catch {
    return body; // not JSON: readManifest says so
  }
}

class ReadOnlySourceError extends StoreError {
  override name = "ReadOnlySourceError";
}

export function httpManifestStore(source: ManifestSource, fetcher: typeof fetch = (...a) => globalThis.fetch(...a)): ContentStore {
  const where = describeSource(source);
  const readOnly = (what: string) => async (): Promise<never> => {
    throw new ReadOnlySourceError(`${where} is read-only here (${what}).`, { hint: "The auditor page only reads manifests." });
  };
  async function* get(cidInput: CidInput, options: GetOptions = {}): AsyncGenerator<Uint8Array> {
    const cid = cidKey(parseCid(cidInput));
    const url = manifestUrl(source, cid);
    let res: Response;
    try {
      res = await fetcher(url, { signal: options.signal, credentials: "omit" });
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      throw new StoreError(`${where} does not answer.`, { details: `GET ${url} failed: ${(cause as Error)?.message ?? cause}`, hint: "Check the manifest source in the audit's options, then run the audit again.", cause });
    }
    if (res.status === 404 || res.status === 410) throw new CidNotFoundError(cid, { where });
    if (!res.ok) {
      throw new StoreError(`${where} answered ${res.status} ${res.statusText} for ${cid}.`, { hint: "Try again later, or read the manifests from another source." });
    }
    const declared = Number(res.headers.get("content-length") ?? 0);
    if (declared > MAX_MANIFEST_BYTES) throw new StoreError(`${where} offers ${declared} bytes for ${cid}: larger than any manifest.`, { hint: "Read the manifests from another source." });
    yield bytesToVerify(source, new Uint8Array(await res.arrayBuffer()));
  }
  return {
    kind: source.kind === "gateway" ? "kubo" : "embedded",
    location: source.url,
    get,
    has: async () => false,
    add: readOnly("add") as unknown as (..._: unknown[]) => Promise<CID>,
    pin: readOnly("pin"),
    unpin: readOnly("unpin"),
    isPinned: async () => false,
    // eslint-disable-next-line require-yield
    exportCar: async function* () {
      throw new ReadOnlySourceError(`${where} cannot export CAR files here.`, { hint: "The auditor page only reads manifests." });
    },
    importCar: readOnly("importCar"),
    close: async () => {},
  } as ContentStore;
}
