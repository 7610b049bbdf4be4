// The one place that turns a manifest into the statement the committee signs.
//
// Nonce rule: the attestation for a contributor's n-th accepted submission (contributorSequence
// n, counting from 0) has nonce n + 1. Nonces are therefore strictly increasing per contributor,
// derivable by anyone from the public manifest, and the same for every committee member that
// re-runs the pipeline. Signing the same manifest again (say with a later deadline) gives the
// same nonce, so at most one of the two can ever land on chain.
import type { Address } from "viem";
import type { CID } from "multiformats/cid";
import { cidToHex } from "../manifest/cid-bytes.ts";
import type { Manifest } from "../manifest/schema.ts";
import type { Attestation } from "../protocol/attestation.ts";

/** The attestation nonce of a contributor's submission number `contributorSequence` (0-based). */
export function attestationNonce(contributorSequence: number): bigint {
  return BigInt(contributorSequence) + 1n;
}

/** The attestation justified by `manifest` (stored at `manifestCid`), valid until `deadline` (unix seconds). */
export function attestationForManifest(manifest: Manifest, manifestCid: CID | string, deadline: bigint): Attestation {
  return {
    contributor: manifest.contributor as Address,
    tokens: BigInt(manifest.tokens.cumulative),
    nonce: attestationNonce(manifest.contributorSequence),
    deadline,
    manifestCid: cidToHex(manifestCid),
  };
}
