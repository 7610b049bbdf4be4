import type { Address, LocalAccount } from "viem";
import { attestationTypedData, type Attestation, type SignerSignature } from "../protocol/attestation.ts";

/**
 * One committee member's EIP-712 signature of `attestation` for the splitter `splitter` on chain
 * `chainId` (both are in the domain, so it is valid nowhere else).
 */
export async function signAttestation(
  account: LocalAccount,
  chainId: number | bigint,
  splitter: Address,
  attestation: Attestation,
): Promise<SignerSignature> {
  const signature = await account.signTypedData(attestationTypedData(chainId, splitter, attestation));
  return { signer: account.address, signature };
}
