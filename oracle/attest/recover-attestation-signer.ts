import { recoverTypedDataAddress, type Address, type Hex } from "viem";
import { attestationTypedData, type Attestation } from "../protocol/attestation.ts";

export interface RecoverAttestationSignerParameters {
  chainId: number | bigint;
  splitter: Address;
  attestation: Attestation;
  signature: Hex;
}

/** The address whose key made `signature` over this attestation (checksummed). Throws on a malformed signature. */
export function recoverAttestationSigner({ chainId, splitter, attestation, signature }: RecoverAttestationSignerParameters): Promise<Address> {
  return recoverTypedDataAddress({ ...attestationTypedData(chainId, splitter, attestation), signature });
}
