// The EIP-712 attestation the oracle committee signs and RevenueSplitter.attest verifies.
// One definition for the oracle, the tests, the audit and the frontend: the domain, the types
// and the signature packing here must match contracts/RevenueSplitter.sol exactly.
import type { Address, Hex } from "viem";

/** EIP-712 domain name and version of every RevenueSplitter. */
export const ATTESTATION_DOMAIN_NAME = "1TT RevenueSplitter";
export const ATTESTATION_DOMAIN_VERSION = "1";

/** Contract limits that an attestation must respect (see RevenueSplitter's constants). */
export const MAX_NONCE = (1n << 48n) - 1n;
/** Most a nonce may exceed the contributor's last one by (RevenueSplitter.MAX_NONCE_STEP). */
export const MAX_NONCE_STEP = 1n << 16n;
export const MAX_TOTAL_TOKENS = (1n << 48n) - 1n;

/** Bytes per signature in `attest`'s `signatures` argument: r (32), s (32), v (1). */
export const SIGNATURE_LENGTH = 65;

/** The EIP-712 types, usable as-is by viem's signTypedData / hashTypedData / recoverTypedDataAddress. */
export const attestationTypes = {
  Attestation: [
    { name: "contributor", type: "address" },
    { name: "tokens", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
    { name: "manifestCid", type: "bytes" },
  ],
} as const;

/** A committee statement: `contributor` has `tokens` cumulative tokens, per the manifest `manifestCid`. */
export interface Attestation {
  contributor: Address;
  /** Cumulative tokens T_i after this attestation (not the increment). */
  tokens: bigint;
  /** Strictly greater than the contributor's last nonce on this splitter. */
  nonce: bigint;
  /** Unix time (seconds) after which the attestation is refused. */
  deadline: bigint;
  /** The binary CIDv1 of the manifest JSON on IPFS, as hex. */
  manifestCid: Hex;
}

/** The EIP-712 domain of one splitter on one chain. */
export function attestationDomain(chainId: number | bigint, splitter: Address) {
  return {
    name: ATTESTATION_DOMAIN_NAME,
    version: ATTESTATION_DOMAIN_VERSION,
    chainId: BigInt(chainId),
    verifyingContract: splitter,
  } as const;
}

/** Everything viem's signTypedData, hashTypedData and recoverTypedDataAddress need. */
export function attestationTypedData(chainId: number | bigint, splitter: Address, attestation: Attestation) {
  return {
    domain: attestationDomain(chainId, splitter),
    types: attestationTypes,
    primaryType: "Attestation" as const,
    message: attestation,
  };
}

/** A signature together with the address that made it. */
export interface SignerSignature {
  signer: Address;
  signature: Hex;
}

/** Orders signatures by strictly increasing signer address, as `attest` requires; refuses duplicates. */
export function orderSignatures(signatures: readonly SignerSignature[]): SignerSignature[] {
  const sorted = [...signatures].sort((a, b) => {
    const x = BigInt(a.signer);
    const y = BigInt(b.signer);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  for (let i = 1; i < sorted.length; i++) {
    if (BigInt(sorted[i].signer) === BigInt(sorted[i - 1].signer)) {
      throw new Error(`duplicate signer ${sorted[i].signer}: each committee member signs once`);
    }
  }
  return sorted;
}

/** The `signatures` argument of `attest`: 65-byte signatures, ordered by signer, concatenated. */
export function packSignatures(signatures: readonly SignerSignature[]): Hex {
  let packed = "0x";
  for (const { signer, signature } of orderSignatures(signatures)) {
    if (!/^0x[0-9a-fA-F]*$/.test(signature) || signature.length !== 2 + 2 * SIGNATURE_LENGTH) {
      throw new Error(`signature of ${signer} is not ${SIGNATURE_LENGTH} bytes (r, s, v)`);
    }
    packed += signature.slice(2);
  }
  return packed as Hex;
}
