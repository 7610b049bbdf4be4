// The key envelopes of a submission and the contexts they are bound to (oracle/crypto
// key-envelope.ts): the oracle seals with them and every reader insists on the context when
// opening an envelope, so an envelope cannot be passed off as another submission's, nor the
// filtered data's envelope as the private one's. Computed from what the manifest publishes.
//
// A submission has two data keys: one for the filtered data, wrapped for every reader (the
// consumers too: it is what they pay for), and one for the raw files and the report, wrapped for
// the contributor, the committee and the auditors only (the raw files hold what the pipeline
// removed, PII included, and the report quotes removed documents). Manifests written before the
// split have one envelope, `keys`, for everything.
import type { Address } from "viem";
import type { Manifest } from "./schema.ts";

/** `1tt/<chainId>/<splitter, lowercase>/<sequence>`, e.g. "1tt/8453/0x5fbd…0aa3/7": the filtered data's envelope. */
export function submissionKeyContext({ chainId, splitter, sequence }: { chainId: number; splitter: Address; sequence: number }): string {
  return `1tt/${chainId}/${splitter.toLowerCase()}/${sequence}`;
}

/** The raw files' and report's envelope context, from the filtered data's: + "/private". */
export function privateContextOf(sharedContext: string): string {
  return `${sharedContext}/private`;
}

/** The raw files' and report's envelope: the submission's context + "/private". */
export function privateKeyContext(submission: { chainId: number; splitter: Address; sequence: number }): string {
  return privateContextOf(submissionKeyContext(submission));
}

export type SealedFile = "filtered" | "raw" | "report";

/** Which key envelope opens `file` of manifest `m`, and under which context; null when the data is in the clear. */
export function envelopeOf(m: Manifest, file: SealedFile): { cid: string; context: string } | null {
  const e = m.data.encryption;
  if (!e) return null;
  const at = { chainId: m.program.chainId, splitter: m.program.splitter as Address, sequence: m.sequence };
  if (file === "filtered" || e.privateKeys === undefined) return { cid: e.keys, context: submissionKeyContext(at) };
  return { cid: e.privateKeys, context: privateKeyContext(at) };
}
