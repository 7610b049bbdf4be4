// The contributor's signature of an upload (oracle/protocol/contribution.ts): read from the form,
// checked against the files as they arrived, and kept beside them until the job ends so the
// manifest can carry it. With an RPC endpoint, contract wallets sign too (ERC-1271, ERC-6492).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createPublicClient, isHex, type Address, type Hex } from "viem";
import { rpcTransport } from "../../protocol/rpc-transport.ts";
import {
  CONTRIBUTION_CLOCK_SKEW_SECONDS,
  CONTRIBUTION_MAX_AGE_SECONDS,
  verifyContribution,
  type ContributedFile,
  type ContributionProgram,
  type ContributionProof,
} from "../../protocol/contribution.ts";
import { ApiError } from "../errors.ts";

/** Form fields of the signature; a contract wallet's signature may be long. */
export const SIGNATURE_FIELD = "signature";
export const ISSUED_AT_FIELD = "issuedAt";
export const MAX_SIGNATURE_FIELD_BYTES = 16_384;

const SIGN_AGAIN = "Sign the upload again with the contributor's wallet (EIP-712 \"1TT Contribution\" of the program and the files' sha256s and sizes, in upload order; the dApp and oracle/protocol/contribution.ts do it) and send it with the files.";

/** The proof's file in a job's upload folder (uploads/<job id>/contribution.json). */
export const contributionPath = (uploadDir: string) => join(uploadDir, "contribution.json");

export function saveContribution(uploadDir: string, proof: ContributionProof): void {
  writeFileSync(contributionPath(uploadDir), JSON.stringify(proof));
}

/** The proof kept with a job's files; null for jobs queued before signed submissions. */
export function loadContribution(uploadDir: string): ContributionProof | null {
  try {
    return JSON.parse(readFileSync(contributionPath(uploadDir), "utf8")) as ContributionProof;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/** Reads the two form fields into a proof, or says what is missing or malformed. */
export function contributionFromFields(fields: ReadonlyMap<string, string>): ContributionProof {
  const signature = fields.get(SIGNATURE_FIELD);
  const issuedAt = fields.get(ISSUED_AT_FIELD);
  if (signature === undefined || issuedAt === undefined) {
    throw new ApiError(400, "contribution_signature_required", "the upload carries no contribution signature, so nothing would prove the files are yours.", SIGN_AGAIN);
  }
  if (!isHex(signature, { strict: true }) || signature.length < 2 + 2 * 65 || signature.length % 2 !== 0) {
    throw new ApiError(400, "invalid_contribution_signature", "the upload's signature field is not a hex signature of at least 65 bytes.", SIGN_AGAIN);
  }
  if (!/^\d{1,15}$/.test(issuedAt)) {
    throw new ApiError(400, "invalid_contribution_signature", `the upload's issuedAt field (${issuedAt.slice(0, 20)}) is not a Unix time in seconds.`, SIGN_AGAIN);
  }
  return { signature: signature.toLowerCase() as Hex, issuedAt: Number(issuedAt) };
}

export type ContributionVerifier = (contributor: Address, files: readonly ContributedFile[], proof: ContributionProof, startedAt: number) => Promise<void>;

/** Checks freshness, then the signature against the files received, for this oracle's program. */
export function contributionVerifier(program: ContributionProgram, rpcUrl: string | null): ContributionVerifier {
  const client = rpcUrl ? createPublicClient({ transport: rpcTransport(rpcUrl, { retryCount: 1, timeout: 10_000 }) }) : null;
  const verify = client ? (args: Parameters<typeof client.verifyTypedData>[0]) => client.verifyTypedData(args) : undefined;
  return async (contributor, files, proof, startedAt) => {
    const started = Math.floor(startedAt / 1000);
    if (proof.issuedAt > started + CONTRIBUTION_CLOCK_SKEW_SECONDS) {
      throw new ApiError(400, "contribution_signature_not_yet_valid", "the contribution was signed in the future; check the device's clock.", SIGN_AGAIN);
    }
    if (proof.issuedAt < started - CONTRIBUTION_MAX_AGE_SECONDS) {
      throw new ApiError(400, "contribution_signature_expired", `the contribution was signed more than ${CONTRIBUTION_MAX_AGE_SECONDS} seconds before the upload began.`, SIGN_AGAIN);
    }
    if (!(await verifyContribution({ program, contributor, files, proof }, verify))) {
      const where = `chain ${program.chainId}, program ${program.splitter ?? "none (0x0000…0000)"}`;
      throw new ApiError(401, "contribution_signature_mismatch",
        `the contribution signature is not ${contributor}'s signature of these ${files.length} file(s) (their sha256s and sizes as received, in order) for ${where}.`,
        `${SIGN_AGAIN} Sign with the signed-in wallet, over exactly the bytes sent.`);
    }
  };
}
