// The EIP-712 contribution a contributor's wallet signs for every upload: which program, which
// raw files (their sha256 and sizes, in upload order, exactly as the manifest's `data.raw`
// commits to them) and when. The oracle refuses an upload without it; the manifest carries it;
// the audit and every committee node recompute it from the manifest alone, so no oracle can
// credit anyone with data that person did not sign for.
import { recoverTypedDataAddress, zeroAddress, type Address, type Hex } from "viem";

export const CONTRIBUTION_DOMAIN_NAME = "1TT Contribution";
export const CONTRIBUTION_DOMAIN_VERSION = "1";

/** How long before its upload began a contribution may have been signed: a signature is used at once or signed again. */
export const CONTRIBUTION_MAX_AGE_SECONDS = 600;
/** Clock difference tolerated between the contributor's machine and the oracle's. */
export const CONTRIBUTION_CLOCK_SKEW_SECONDS = 60;

export const contributionTypes = {
  Contribution: [
    { name: "contributor", type: "address" },
    { name: "files", type: "RawFile[]" },
    { name: "issuedAt", type: "uint256" },
  ],
  RawFile: [
    { name: "sha256", type: "bytes32" },
    { name: "bytes", type: "uint256" },
  ],
} as const;

/** One uploaded file as the manifest commits to it: sha256 (lowercase hex, no 0x) and size of the bytes as sent. */
export interface ContributedFile {
  sha256: string;
  bytes: number;
}

/** What the manifest records of the signature (`contribution`), beside the files it already lists. */
export interface ContributionProof {
  /** Unix time (seconds) the contributor signed at: the oracle's freshness check. */
  issuedAt: number;
  /** EIP-712 signature of the contributor (65 bytes for an account; any length for a contract wallet). */
  signature: Hex;
}

/** The program a contribution is made to; an oracle that runs no program (development) uses the zero address. */
export interface ContributionProgram {
  chainId: number | bigint;
  splitter: Address | null;
}

export function contributionDomain({ chainId, splitter }: ContributionProgram) {
  return { name: CONTRIBUTION_DOMAIN_NAME, version: CONTRIBUTION_DOMAIN_VERSION, chainId: BigInt(chainId), verifyingContract: splitter ?? zeroAddress } as const;
}

/** Everything viem's signTypedData, verifyTypedData and recoverTypedDataAddress need. */
export function contributionTypedData(program: ContributionProgram, contributor: Address, files: readonly ContributedFile[], issuedAt: number) {
  return {
    domain: contributionDomain(program),
    types: contributionTypes,
    primaryType: "Contribution" as const,
    message: {
      contributor,
      files: files.map((f) => ({ sha256: `0x${f.sha256}` as Hex, bytes: BigInt(f.bytes) })),
      issuedAt: BigInt(issuedAt),
    },
  };
}

/** Any signer of EIP-712 data: a viem account, a wallet client bound to an account. */
export interface TypedDataSigner {
  address: string;
  signTypedData(args: ReturnType<typeof contributionTypedData>): Promise<Hex | string>;
}

/** Signs the contribution of `files` with the contributor's wallet, now. */
export async function signContribution(signer: TypedDataSigner, program: ContributionProgram, files: readonly ContributedFile[], now = Date.now()): Promise<ContributionProof> {
  const issuedAt = Math.floor(now / 1000);
  const signature = (await signer.signTypedData(contributionTypedData(program, signer.address as Address, files, issuedAt))) as Hex;
  return { issuedAt, signature };
}

/**
 * Checks a contribution signature. An account's signature is recovered here, with no network;
 * only when that fails is `verify` (a public client's verifyTypedData) asked, so contract wallets
 * are checked too (ERC-1271, ERC-6492).
 */
export async function verifyContribution(
  p: { program: ContributionProgram; contributor: Address; files: readonly ContributedFile[]; proof: ContributionProof },
  verify?: (args: ReturnType<typeof contributionTypedData> & { address: Address; signature: Hex }) => Promise<boolean>,
): Promise<boolean> {
  const typed = contributionTypedData(p.program, p.contributor, p.files, p.proof.issuedAt);
  try {
    if ((await recoverTypedDataAddress({ ...typed, signature: p.proof.signature })).toLowerCase() === p.contributor.toLowerCase()) return true;
  } catch {
    // Not an account's 65-byte signature: perhaps a contract wallet's.
  }
  return verify ? verify({ ...typed, address: p.contributor, signature: p.proof.signature }).catch(() => false) : false;
}
