// Reading a submission's key envelope by the CID its manifest names, as every reader does (the
// CLI's fetch, the dApp's download, the audit's readers check): a bounded read, the bytes checked
// against the CID (a store or gateway is not trusted to serve what it was asked for), then JSON
// and the envelope's shape. Node and browsers.
import { parseKeyEnvelope, type KeyEnvelope } from "../crypto/key-envelope.ts";
import { collect } from "../store/bytes.ts";
import { computeCid } from "../store/compute-cid.ts";
import type { ContentStore } from "../store/content-store.ts";
import { cidKey, parseCid } from "../store/cid.ts";
import { KeyEnvelopeUnreadableError } from "./errors.ts";

/** Key envelopes hold a few hundred bytes per reader; anything larger than this is not one. */
export const MAX_ENVELOPE_BYTES = 1024 * 1024;

/**
 * The key envelope at `cid`. Throws KeyEnvelopeUnreadableError (`reason`: too_large,
 * cid_mismatch, not_json, malformed) for bytes that are not it; the store's errors (not found,
 * unreachable, aborted) pass through as they are.
 */
export async function readKeyEnvelope(store: ContentStore, cid: string, { signal }: { signal?: AbortSignal } = {}): Promise<KeyEnvelope> {
  const parsed = parseCid(cid);
  let bytes: Uint8Array;
  try {
    bytes = await collect(store.get(parsed, { signal }), MAX_ENVELOPE_BYTES);
  } catch (error) {
    if (error instanceof RangeError) throw new KeyEnvelopeUnreadableError(cid, "too_large", `it is larger than ${MAX_ENVELOPE_BYTES} bytes`);
    throw error;
  }
  const actual = cidKey(await computeCid(bytes));
  if (actual !== cidKey(parsed)) throw new KeyEnvelopeUnreadableError(cid, "cid_mismatch", `its bytes hash to ${actual}, not to its CID`);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new KeyEnvelopeUnreadableError(cid, "not_json", `it is not JSON (${(cause as Error).message})`, cause);
  }
  try {
    return parseKeyEnvelope(value);
  } catch (cause) {
    throw new KeyEnvelopeUnreadableError(cid, "malformed", (cause as { shortMessage?: string }).shortMessage ?? (cause as Error).message, cause);
  }
}
