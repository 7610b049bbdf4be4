// Where the auditor page reads manifests: the browser cannot open an embedded store folder or a
// Kubo RPC API (no CORS, often private), so it fetches each manifest over HTTP, from an IPFS
// gateway (GET <gateway>/ipfs/<cid>) or from the oracle (GET <oracle>/manifests/<cid>). Nothing
// fetched is trusted: the audit reads every manifest through oracle/manifest's readManifest,
// which re-hashes the bytes against the CID (computeCid) and validates the schema and the
// canonical encoding. Both are read with oracle/store's read-only gateway store (streamed, with
// errors that say what failed and what to do); every write throws.
import { collect } from "../../../oracle/store/bytes.ts";
import { StoreError } from "../../../oracle/store/errors.ts";
import { GatewayStore } from "../../../oracle/store/gateway.ts";
import { encodeJson } from "../../../oracle/store/json.ts";
import type { ContentStore, GetOptions } from "../../../oracle/store/content-store.ts";
import type { CidInput } from "../../../oracle/store/cid.ts";
import { MAX_MANIFEST_BYTES } from "../../../oracle/manifest/read-manifest.ts";

export type ManifestSource = { kind: "gateway"; url: string } | { kind: "oracle"; url: string };

/** The URL a manifest is fetched from. */
export function manifestUrl(source: ManifestSource, cid: string): string {
  return sourceStore(source).url(cid);
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

/** The oracle's GET /manifests/<cid>: read whole (a manifest is small) and brought back to canonical bytes. */
class OracleManifestStore extends GatewayStore {
  readonly #source: ManifestSource;

  constructor(source: ManifestSource, fetcher: typeof fetch) {
    super(source.url, { fetch: fetcher, where: describeSource(source), path: "manifests" });
    this.#source = source;
  }

  override async *get(cidInput: CidInput, options: GetOptions = {}): AsyncGenerator<Uint8Array> {
    let body: Uint8Array;
    try {
      body = await collect(super.get(cidInput, options), MAX_MANIFEST_BYTES);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      throw new StoreError(`${describeSource(this.#source)} offers more than ${MAX_MANIFEST_BYTES} bytes for ${String(cidInput)}: larger than any manifest.`, {
        hint: "Read the manifests from another source.",
      });
    }
    yield bytesToVerify(this.#source, body);
  }
}

function sourceStore(source: ManifestSource, fetcher: typeof fetch = (...a) => globalThis.fetch(...a)): GatewayStore {
  if (source.kind === "oracle") return new OracleManifestStore(source, fetcher);
  return new GatewayStore(source.url, { fetch: fetcher, where: describeSource(source) });
}

/** A read-only ContentStore over the source (oracle/store/gateway.ts): the page only reads manifests. */
export function httpManifestStore(source: ManifestSource, fetcher?: typeof fetch): ContentStore {
  return sourceStore(source, fetcher);
}
