// The EIP-712 claim a contributor signs so that anyone (the oracle's relayer) can submit it with
// RevenueSplitter.claimWithSig and pay the gas. Same domain as the attestation; the types here
// must match contracts/RevenueSplitter.sol's CLAIM_TYPEHASH exactly.
import type { Address } from "viem";
import { attestationDomain } from "./attestation.ts";

export const claimTypes = {
  Claim: [
    { name: "contributor", type: "address" },
    { name: "recipient", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** A contributor's request to be paid what it has earned on one splitter. */
export interface Claim {
  contributor: Address;
  /** Who receives the units (the contributor itself, or any other address). */
  recipient: Address;
  /** The splitter's claimNonceOf(contributor): each signed claim can be used once. */
  nonce: bigint;
  /** Unix time (seconds) after which the claim is refused. */
  deadline: bigint;
}

/** Everything viem's signTypedData, hashTypedData and verifyTypedData need. */
export function claimTypedData(chainId: number | bigint, splitter: Address, claim: Claim) {
  return {
    domain: attestationDomain(chainId, splitter),
    types: claimTypes,
    primaryType: "Claim" as const,
    message: claim,
  };
}
