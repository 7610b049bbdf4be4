import { BaseError, ContractFunctionRevertedError, type Hex } from "viem";
import { AttestationExpiredError, AttestationRevertedError } from "../errors.ts";

/** The contract's custom error in `error`'s cause chain (decoded with the splitter ABI), or null. */
export function findRevert(error: unknown): { errorName: string | null; args: readonly unknown[]; cause: unknown } | null {
  if (!(error instanceof BaseError)) return null;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
  if (!reverted) return null;
  return { errorName: reverted.data?.errorName ?? null, args: reverted.data?.args ?? [], cause: error };
}

/** A typed error for a revert of `attest` (StaleNonce is not an error to the relayer: callers check it first). */
export function attestRevertError(revert: { errorName: string | null; args: readonly unknown[]; cause: unknown }, transactionHash?: Hex): Error {
  if (revert.errorName === "AttestationExpired") {
    const [deadline, timestamp] = revert.args as [bigint, bigint];
    return new AttestationExpiredError(deadline, timestamp, transactionHash);
  }
  return new AttestationRevertedError({ ...revert, transactionHash });
}
