// The one place that turns a manifest into the statement the committee signs.
//
// Nonce rule: a contributor's n-th accepted submission (contributorSequence n, counting from 0)
// is attested with nonce max(n + 1, the contributor's nonce on chain + 1, the nonce of their
// previous manifest + 1), and the manifest records it whenever it is not n + 1. Nonces are
// therefore strictly increasing per contributor, readable by anyone from the public manifest,
// and the same for every committee member that re-runs the pipeline. The on-chain term lets a
// new committee attest after a captured one moved a contributor's nonce ahead; the previous
// manifest's term keeps a later submission above an earlier one that has not landed yet.
// Signing the same manifest again (say with a later deadline) gives the same nonce, so at most
// one of the two can ever land on chain.
import type { Address } from "viem";
import type { CID } from "multiformats/cid";
import { cidToHex } from "../manifest/cid-bytes.ts";
import { manifestNonce, type Manifest } from "../manifest/schema.ts";
import type { Attestation } from "../protocol/attestation.ts";

/** The attestation nonce of a contributor's submission number `contributorSequence` when nothing moved it. */
export function attestationNonce(contributorSequence: number): bigint {
  return BigInt(contributorSequence) + 1n;
}

/** The nonce of a new submission: above its place, the chain's nonce and the contributor's previous manifest. */
export function nextNonce(p: { contributorSequence: number; onChainNonce: bigint; previousNonce: bigint | null }): bigint {
  const candidates = [attestationNonce(p.contributorSequence), p.onChainNonce + 1n, (p.previousNonce ?? 0n) + 1n];
  return candidates.reduce((a, b) => (b > a ? b : a));
}

/** The attestation justified by `manifest` (stored at `manifestCid`), valid until `deadline` (unix seconds). */
export function attestationForManifest(manifest: Manifest, manifestCid: CID | string, deadline: bigint): Attestation {
  return {
    contributor: manifest.contributor as Address,
    tokens: BigInt(manifest.tokens.cumulative),
    nonce: manifestNonce(manifest),
    deadline,
    manifestCid: cidToHex(manifestCid),
  };
}
