// Errors of signing, keys and posting. Each has a short message, details that tell one case from
// another and what to do; callers match on the class (or `name`), never on the text.
import { OneTTError, type OneTTErrorParameters } from "../protocol/errors.ts";
import type { Address, Hex } from "viem";

export type AttestErrorParameters = OneTTErrorParameters;

export class AttestError extends OneTTError {
  override name = "AttestError";
}

// ------------------------------------------------------------------ signatures and committee

/** A signature that does not recover to the signer it is claimed for. */
export class InvalidAttestationSignatureError extends AttestError {
  override name = "InvalidAttestationSignatureError";
  readonly signer: Address;
  readonly recovered: Address | null;

  constructor(signer: Address, recovered: Address | null, cause?: unknown) {
    super(`The signature claimed for ${signer} is not ${signer}'s signature of this attestation.`, {
      details: recovered ? `It recovers to ${recovered}.` : "It does not recover to any address.",
      hint: "Check that the signer signed the same attestation for the same chain id and splitter.",
      cause,
    });
    this.signer = signer;
    this.recovered = recovered;
  }
}

/** A signer that is not in the splitter's current committee. */
export class NotACommitteeMemberError extends AttestError {
  override name = "NotACommitteeMemberError";
  readonly signer: Address;

  constructor(signer: Address, members: readonly Address[]) {
    super(`${signer} is not a member of the splitter's current committee.`, {
      details: `Members: ${members.join(", ")}.`,
      hint: "Use a key of the current committee (the owner may have replaced the committee).",
    });
    this.signer = signer;
  }
}

/** Fewer valid committee signatures than the threshold. */
export class ThresholdNotMetError extends AttestError {
  override name = "ThresholdNotMetError";
  readonly count: number;
  readonly threshold: number;

  constructor(count: number, threshold: number) {
    super(`${count} valid committee signature${count === 1 ? "" : "s"}, the threshold is ${threshold}.`, {
      hint: "Collect signatures from more committee members before posting.",
    });
    this.count = count;
    this.threshold = threshold;
  }
}

// ------------------------------------------------------------------ keys

export class SignerKeyError extends AttestError {
  override name = "SignerKeyError";
}

// ------------------------------------------------------------------ posting

/** The RPC endpoint kept failing (refused, timed out, 5xx) through the whole retry budget. */
export class RpcUnavailableError extends AttestError {
  override name = "RpcUnavailableError";
  readonly operation: string;
  readonly attempts: number;

  constructor(operation: string, attempts: number, cause: unknown) {
    super(`The chain's RPC endpoint is unavailable: ${operation} failed ${attempts} times.`, {
      details: cause instanceof Error ? ((cause as { shortMessage?: string }).shortMessage ?? cause.message) : String(cause),
      hint: "Check the RPC URL and the node; posting can be retried later, nothing is lost (pending transactions are in the relayer's database).",
      cause,
    });
    this.operation = operation;
    this.attempts = attempts;
  }
}

/** The attestation's deadline has passed (seen before sending, or as the contract's AttestationExpired). */
export class AttestationExpiredError extends AttestError {
  override name = "AttestationExpiredError";
  readonly deadline: bigint;
  readonly timestamp: bigint;
  /** Set when a mined transaction reverted with AttestationExpired (else nothing was sent). */
  readonly transactionHash: Hex | undefined;

  constructor(deadline: bigint, timestamp: bigint, transactionHash?: Hex) {
    super(`The attestation expired: its deadline ${deadline} is not after the chain time ${timestamp}.`, {
      details: transactionHash ? `Transaction ${transactionHash} was mined after the deadline and reverted.` : "Nothing was sent.",
      hint: "Have the committee sign the same statement again with a later deadline (same nonce: at most one can land).",
    });
    this.deadline = deadline;
    this.timestamp = timestamp;
    this.transactionHash = transactionHash;
  }
}

/** The contract refused the attestation (in simulation or in a mined transaction). */
export class AttestationRevertedError extends AttestError {
  override name = "AttestationRevertedError";
  /** The contract's custom error name (e.g. NotEnoughSignatures), or null if it could not be decoded. */
  readonly errorName: string | null;
  readonly args: readonly unknown[];
  readonly transactionHash: Hex | undefined;

  constructor({ errorName, args, transactionHash, cause }: { errorName: string | null; args: readonly unknown[]; transactionHash?: Hex; cause?: unknown }) {
    const call = errorName ? `${errorName}(${args.map((a) => String(a)).join(", ")})` : "an undecoded revert";
    super(`RevenueSplitter.attest reverted with ${call}.`, {
      details: transactionHash ? `Transaction ${transactionHash} was mined and reverted.` : "The transaction was not sent (the simulation reverted).",
      hint: HINTS[errorName ?? ""] ?? "See the error in contracts/IRevenueSplitter.sol.",
      cause,
    });
    this.errorName = errorName;
    this.args = args;
    this.transactionHash = transactionHash;
  }
}

const HINTS: Record<string, string> = {
  NotEnoughSignatures: "Collect at least the committee's threshold of signatures.",
  NotACommitteeSigner: "A signer left the committee: sign again with current members.",
  SignersNotInOrder: "Pack signatures with combineSignatures (ordered by signer address).",
  InvalidSignaturesLength: "Pack signatures with combineSignatures (65 bytes each).",
  TotalTokensAboveLimit: "The count exceeds the contract's limit: check the manifest's arithmetic.",
  NonceOutOfRange: "A nonce may exceed the contributor's last one by at most 2^16 (and never 2^48 - 1): sign with the next nonce.",
  InvalidContributor: "The contributor is the zero address.",
};

/** The transaction was sent but no receipt came within the wait; it stays pending in the database. */
export class TransactionPendingError extends AttestError {
  override name = "TransactionPendingError";
  readonly transactionHash: Hex;

  constructor(transactionHash: Hex, waitedMs: number) {
    super(`Transaction ${transactionHash} has no receipt after ${Math.round(waitedMs / 1000)} s.`, {
      hint: "Post again or call resume() later: the relayer checks this transaction first and never sends a second one while it may still land.",
    });
    this.transactionHash = transactionHash;
  }
}

/** The node refused the signed transaction for a reason that retrying will not fix. */
export class TransactionRejectedError extends AttestError {
  override name = "TransactionRejectedError";
  constructor(transactionHash: Hex, cause: unknown) {
    super(`The node refused transaction ${transactionHash}.`, {
      details: cause instanceof Error ? ((cause as { shortMessage?: string }).shortMessage ?? cause.message) : String(cause),
      hint: "Check the relayer account's balance and the chain id.",
      cause,
    });
  }
}
