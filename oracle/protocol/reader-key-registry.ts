// The EIP-712 publication a committee member signs so that anyone can relay its reader key to
// ReaderKeyRegistry.setMemberReaderKeyBySig. One definition for the oracle, the scripts and the
// tests: the domain and the types here must match contracts/ReaderKeyRegistry.sol exactly.
import type { Address, Hex } from "viem";

/** EIP-712 domain name and version of the ReaderKeyRegistry. */
export const READER_REGISTRY_DOMAIN_NAME = "1TT ReaderKeyRegistry";
export const READER_REGISTRY_DOMAIN_VERSION = "1";

/** Most keys in each of a program's lists (ReaderKeyRegistry.MAX_READERS). */
export const MAX_PROGRAM_READERS = 16;

/** The EIP-712 types, usable as-is by viem's signTypedData / hashTypedData. */
export const memberReaderKeyTypes = {
  MemberReaderKey: [
    { name: "program", type: "address" },
    { name: "signer", type: "address" },
    { name: "key", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** A member's statement: "my reader key for `program` is `key`". */
export interface MemberReaderKey {
  program: Address;
  signer: Address;
  /** The X25519 reader public key, 0x + 64 hex. */
  key: Hex;
  /** The signer's current nonce on the registry (`nonces(signer)`). */
  nonce: bigint;
  /** Unix time (seconds) after which the registry refuses the signature. */
  deadline: bigint;
}

/** Everything viem's signTypedData and hashTypedData need, for the registry at `registry` on `chainId`. */
export function memberReaderKeyTypedData(chainId: number | bigint, registry: Address, message: MemberReaderKey) {
  return {
    domain: {
      name: READER_REGISTRY_DOMAIN_NAME,
      version: READER_REGISTRY_DOMAIN_VERSION,
      chainId: BigInt(chainId),
      verifyingContract: registry,
    },
    types: memberReaderKeyTypes,
    primaryType: "MemberReaderKey" as const,
    message,
  };
}
