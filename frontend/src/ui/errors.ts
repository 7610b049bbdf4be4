// Turns any error from wallets, RPCs and contracts into a sentence a person can act on. Never a
// stack trace; the technical detail stays available in a collapsed line.
import { OracleError, OracleUnreachableError } from "../../../oracle/protocol/oracle-errors.ts";
import { BaseError, ContractFunctionRevertedError, HttpRequestError, UserRejectedRequestError } from "viem";

export interface Explained {
  title: string;
  /** What to do next. */
  action: string;
  /** One technical line (viem's short message), for a bug report. */
  detail?: string;
}

const REVERTS: Record<string, (args: readonly unknown[]) => Omit<Explained, "detail">> = {
  NothingToClaim: () => ({ title: "Nothing to claim yet.", action: "Your earnings grow with each deposit; come back after the next one." }),
  NothingToDeposit: () => ({ title: "This revenue is too small to share.", action: "α × revenue rounds down to zero units: enter a larger amount." }),
  EscrowLimitExceeded: () => ({ title: "The program's escrow limit would be exceeded.", action: "Deposit a smaller amount, or wait for contributors to claim." }),
  ERC20InsufficientBalance: () => ({ title: "Your token balance is too low for this deposit.", action: "Top up the asset in this wallet, or deposit less." }),
  ERC20InsufficientAllowance: () => ({ title: "The splitter may not pull this much of your tokens yet.", action: "Approve the amount first, or use the permit deposit." }),
  ERC2612ExpiredSignature: () => ({ title: "The permit signature expired.", action: "Sign a fresh permit." }),
  ERC2612InvalidSigner: () => ({ title: "The permit was signed by another account.", action: "Sign the permit with the account that deposits." }),
  AttestationExpired: () => ({ title: "The attestation expired before it reached the chain.", action: "Ask the oracle for a fresh attestation." }),
  StaleNonce: () => ({ title: "This attestation is already on chain (or a newer one is).", action: "Nothing to do: your token count is up to date." }),
};

function walk(error: unknown, test: (e: unknown) => boolean): unknown {
  if (error instanceof BaseError) return error.walk(test) ?? undefined;
  return test(error) ? error : undefined;
}

export function explainError(error: unknown, context: { rpcUrl?: string } = {}): Explained {
  const detail = error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message.split("\n")[0] : String(error);

  if (error instanceof OracleUnreachableError) {
    return { title: "The oracle does not answer.", action: "Uploads and reports wait until it is back; everything read from the chain still works. Try again in a moment.", detail };
  }
  if (error instanceof OracleError) {
    if (error.status === 401) return { title: "Your oracle session has ended.", action: "Sign in again with your wallet.", detail: error.code };
    return { title: `The oracle refused: ${error.shortMessage}`, action: error.hint ?? "", detail: error.code };
  }
  const code = (e: unknown) => (e as { code?: unknown } | null)?.code;
  if (walk(error, (e) => e instanceof UserRejectedRequestError || code(e) === 4001 || code(e) === "ACTION_REJECTED")) {
    return { title: "You declined the request in your wallet.", action: "Nothing was signed or sent. Try again when you are ready.", detail };
  }
  const reverted = walk(error, (e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | undefined;
  const name = reverted?.data?.errorName;
  if (name && REVERTS[name]) return { ...REVERTS[name](reverted?.data?.args ?? []), detail };
  if (name) return { title: `The contract refused the transaction (${name}).`, action: "Check the amounts and the network, then try again.", detail };
  if (walk(error, (e) => e instanceof HttpRequestError || (e instanceof TypeError && /fetch/i.test(e.message)))) {
    return {
      title: "The network's RPC endpoint does not answer.",
      action: `Check your connection${context.rpcUrl ? ` and that ${context.rpcUrl} is up` : ""}; the page retries on its own and shows the last figures it read meanwhile.`,
      detail,
    };
  }
  if (walk(error, (e) => (e as Error | null)?.name === "ChainMismatchError" || (e as Error | null)?.name === "ConnectorChainMismatchError")) {
    return { title: "Your wallet is on another network.", action: "Switch networks with the button at the top, then try again.", detail };
  }
  return { title: "Something went wrong.", action: "Try again; if it keeps failing, reload the page.", detail };
}
