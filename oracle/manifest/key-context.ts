// The context a submission's key envelope is bound to (oracle/crypto key-envelope.ts): the oracle
// seals with it and every reader insists on it when opening the envelope, so an envelope cannot
// be passed off as another submission's. Computed from what the manifest publishes.
import type { Address } from "viem";

/** `1tt/<chainId>/<splitter, lowercase>/<sequence>`, e.g. "1tt/8453/0x5fbd…0aa3/7". */
export function submissionKeyContext({ chainId, splitter, sequence }: { chainId: number; splitter: Address; sequence: number }): string {
  return `1tt/${chainId}/${splitter.toLowerCase()}/${sequence}`;
}
