// The one way the audit opens a submission's data key with the auditor's view key: the envelope
// its manifest names, or, when the view key is not among that envelope's readers, the envelope a
// key grant added for this manifest later (oracle/manifest/key-grant.ts), under the same context.
import { KeyEnvelopeError } from "../crypto/errors.ts";
import { openKeyEnvelope } from "../crypto/key-envelope.ts";
import { envelopeOf, type SealedFile } from "../manifest/key-context.ts";
import type { GrantedEnvelopes } from "../manifest/key-grant.ts";
import type { Manifest } from "../manifest/schema.ts";
import type { ContentStore } from "../store/content-store.ts";
import { getJson } from "../store/json.ts";

export interface OpenDataKeyParameters {
  store: ContentStore;
  /** The manifest's CID and the manifest. */
  cid: string;
  manifest: Manifest;
  file: SealedFile;
  viewKey: Uint8Array;
  grants?: GrantedEnvelopes;
  signal?: AbortSignal;
}

/** The data key, and the envelope that opened it. KeyEnvelopeError when neither opens with the key. */
export async function openDataKey(p: OpenDataKeyParameters): Promise<{ dataKey: Uint8Array; envelope: string }> {
  const own = envelopeOf(p.manifest, p.file)!;
  const open = async (cid: string) => ({ dataKey: openKeyEnvelope(await getJson(p.store, cid, { signal: p.signal }), p.viewKey, { context: own.context }), envelope: cid });
  try {
    return await open(own.cid);
  } catch (err) {
    const granted = p.grants?.get(p.cid);
    // The granted envelope of the same sealed file: the private one exactly when the manifest has one.
    const grantedCid = granted && (own.cid === p.manifest.data.encryption?.keys ? granted.keys : granted.privateKeys);
    if (!grantedCid || !(err instanceof KeyEnvelopeError && err.code === "not_a_reader")) throw err;
    return await open(grantedCid);
  }
}
