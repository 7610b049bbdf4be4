// Combines committee members' signatures into `attest`'s `signatures` argument, checking each one
// before it costs gas: it recovers to the signer it claims, the signer is in the committee, and
// there are at least `threshold` of them. Exactly `threshold` signatures are packed (the lowest
// addresses, in the order the contract requires): more would only cost gas.
import { getAddress, type Address, type Hex } from "viem";
import { orderSignatures, packSignatures, type Attestation, type SignerSignature } from "../protocol/attestation.ts";
import { InvalidAttestationSignatureError, NotACommitteeMemberError, ThresholdNotMetError } from "./errors.ts";
import type { Committee } from "./read-committee.ts";
import { recoverAttestationSigner } from "./recover-attestation-signer.ts";

export interface CombineSignaturesParameters {
  chainId: number | bigint;
  splitter: Address;
  attestation: Attestation;
  signatures: readonly SignerSignature[];
  /** The committee as read from the chain (readCommittee). */
  committee: Pick<Committee, "signers" | "threshold">;
}

export interface CombinedSignatures {
  /** The `signatures` argument of `attest`. */
  signatures: Hex;
  /** Who signed, in packing order. */
  signers: Address[];
}

export async function combineSignatures(p: CombineSignaturesParameters): Promise<CombinedSignatures> {
  const members = new Set(p.committee.signers.map((s) => getAddress(s)));
  const checked: SignerSignature[] = [];
  for (const { signer: claimed, signature } of p.signatures) {
    const signer = getAddress(claimed);
    let recovered: Address;
    try {
      recovered = await recoverAttestationSigner({ chainId: p.chainId, splitter: p.splitter, attestation: p.attestation, signature });
    } catch (cause) {
      throw new InvalidAttestationSignatureError(signer, null, cause);
    }
    if (recovered !== signer) throw new InvalidAttestationSignatureError(signer, recovered);
    if (!members.has(signer)) throw new NotACommitteeMemberError(signer, [...members]);
    // The same member twice counts once.
    if (!checked.some((c) => c.signer === signer)) checked.push({ signer, signature });
  }
  if (checked.length < p.committee.threshold) throw new ThresholdNotMetError(checked.length, p.committee.threshold);
  const chosen = orderSignatures(checked).slice(0, p.committee.threshold);
  return { signatures: packSignatures(chosen), signers: chosen.map((c) => c.signer) };
}
