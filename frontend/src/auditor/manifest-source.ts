// Where the auditor page reads manifests and key envelopes: the browser cannot open an embedded
// store folder or a Kubo RPC API (no CORS, often private), so it fetches each by CID over HTTP,
// from an IPFS gateway (GET <gateway>/ipfs/<cid>) or from the oracle, which serves every CID it
// stored the same way (GET <oracle>/ipfs/<cid>, the stored bytes as they are). Nothing fetched is
// trusted: the audit reads every manifest through oracle/manifest's readManifest, which re-hashes
// the bytes against the CID and validates the schema and the canonical encoding, and every key
// envelope against its CID too. Both are read with oracle/store's read-only gateway store
// (streamed, with errors that say what failed and what to do); every write throws.
import { GatewayStore } from "../../../oracle/store/gateway.ts";
import type { ContentStore } from "../../../oracle/store/content-store.ts";

export type ManifestSource = { kind: "gateway"; url: string } | { kind: "oracle"; url: string };

/** The URL a manifest is fetched from. */
export function manifestUrl(source: ManifestSource, cid: string): string {
  return sourceStore(source).url(cid);
}

export function describeSource(source: ManifestSource): string {
  return source.kind === "gateway" ? `the IPFS gateway ${source.url}` : `the oracle at ${source.url}`;
}

function sourceStore(source: ManifestSource, fetcher: typeof fetch = (...a) => globalThis.fetch(...a)): GatewayStore {
  return new GatewayStore(source.url, { fetch: fetcher, where: describeSource(source) });
}

/** A read-only ContentStore over the source (oracle/store/gateway.ts): the page only reads. */
export function httpManifestStore(source: ManifestSource, fetcher?: typeof fetch): ContentStore {
  return sourceStore(source, fetcher);
}
