// Granting history to a reader who came later (an auditor published after the first submissions):
// a committee member opens each past submission's key envelopes with its own reader key, wraps the
// same data keys for the new reader under the same contexts, and publishes the new envelopes with
// a grant document ("1tt/key-grant@1") that says which manifest each belongs to. Manifests never
// change (their CIDs are on chain); a grant is a new version of their envelopes.
//
// Nothing in a grant is trusted: an envelope opens only under its submission's context, and the
// data it unlocks is authenticated chunk by chunk and checked against the manifest's plaintext
// commitment, so a wrong or forged grant can only fail to open, never change what is replayed.
import { z } from "zod";
import { createKeyEnvelope, type ReaderSpec } from "../crypto/key-envelope.ts";
import { encodePublicKey } from "../crypto/reader-key.ts";
import type { ContentStore } from "../store/content-store.ts";
import { addJson, getJson } from "../store/json.ts";
import { envelopeOf, type SealedFile } from "./key-context.ts";
import { openSealedFile } from "./open-sealed-file.ts";
import { cidString, type Manifest } from "./schema.ts";
import type { ChainLink } from "./walk-chain.ts";

export const KEY_GRANT_SCHEMA = "1tt/key-grant@1";

export const keyGrantSchema = z.strictObject({
  schema: z.literal(KEY_GRANT_SCHEMA),
  /** The reader the envelopes are for (0x-hex X25519 public key). */
  reader: z.string().regex(/^0x[0-9a-f]{64}$/, "must be a 0x-hex X25519 public key (32 bytes)"),
  envelopes: z
    .array(z.strictObject({ manifest: cidString, keys: cidString, privateKeys: cidString.optional() }))
    .max(1_000_000),
});
export type KeyGrant = z.infer<typeof keyGrantSchema>;

/** Per manifest CID, the granted envelope of each sealed file (filtered data; raw files and report). */
export type GrantedEnvelopes = Map<string, { keys: string; privateKeys?: string }>;

/** Re-wraps every encrypted submission of `chain` for `reader`, with `opener` (a reader private key listed in the envelopes); returns the grant's CID. */
export async function grantHistory(p: { store: ContentStore; chain: readonly ChainLink[]; opener: Uint8Array; reader: ReaderSpec; signal?: AbortSignal }): Promise<{ cid: string; grant: KeyGrant }> {
  const rewrap = async (link: ChainLink, file: SealedFile) => {
    const key = (await openSealedFile({ store: p.store, manifest: link.manifest, file, privateKey: p.opener, signal: p.signal }))!;
    try {
      return (await addJson(p.store, createKeyEnvelope(key.dataKey, [p.reader], envelopeOf(link.manifest, file)!.context))).toString();
    } finally {
      key.forget();
    }
  };
  const envelopes: KeyGrant["envelopes"] = [];
  for (const link of p.chain) {
    p.signal?.throwIfAborted();
    const encryption = link.manifest.data.encryption;
    if (!encryption) continue;
    const keys = await rewrap(link, "filtered");
    envelopes.push(encryption.privateKeys ? { manifest: link.cid, keys, privateKeys: await rewrap(link, "raw") } : { manifest: link.cid, keys });
  }
  const publicKey = typeof p.reader.publicKey === "string" ? p.reader.publicKey.toLowerCase() : encodePublicKey(p.reader.publicKey);
  const grant: KeyGrant = { schema: KEY_GRANT_SCHEMA, reader: publicKey, envelopes };
  return { cid: (await addJson(p.store, grant)).toString(), grant };
}

/** The envelope a grant added for one sealed file of the manifest at `cid`: the private one exactly when the manifest has one. */
export function grantedEnvelope(grants: GrantedEnvelopes | undefined, cid: string, manifest: Manifest, file: SealedFile): string | undefined {
  const granted = grants?.get(cid);
  return granted && (envelopeOf(manifest, file)!.cid === manifest.data.encryption?.keys ? granted.keys : granted.privateKeys);
}

/** The envelopes the grants at `cids` add, by manifest (a later grant's entry replaces an earlier one's). */
export async function readKeyGrants(store: ContentStore, cids: readonly string[], { signal }: { signal?: AbortSignal } = {}): Promise<GrantedEnvelopes> {
  const granted: GrantedEnvelopes = new Map();
  for (const cid of cids) {
    const grant = keyGrantSchema.parse(await getJson(store, cid, { signal }));
    for (const e of grant.envelopes) granted.set(e.manifest, e.privateKeys ? { keys: e.keys, privateKeys: e.privateKeys } : { keys: e.keys });
  }
  return granted;
}
