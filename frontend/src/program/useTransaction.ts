// One transaction's life as the UI shows it: waiting for the wallet, pending on chain, confirmed,
// reverted, or failed with an explained error. An action that needs a transaction before its own
// (an approval before a deposit) runs both inside one `run`, naming each step as it goes.
import { useEffect, useState } from "react";
import type { Hex } from "viem";
import { useWaitForTransactionReceipt } from "wagmi";
import { programChainId } from "../config.ts";
import type { TxPhase } from "../ui/TxStatus.tsx";
import { useRefreshNow } from "./live.ts";

export type { TxPhase };

export function useTransaction() {
  const [hash, setHash] = useState<Hex>();
  const [error, setError] = useState<unknown>();
  const [inWallet, setInWallet] = useState(false);
  const [step, setStep] = useState<string>();
  const refresh = useRefreshNow();
  const receipt = useWaitForTransactionReceipt({ hash, chainId: programChainId, query: { enabled: Boolean(hash) } });

  const mined = receipt.data?.transactionHash;
  useEffect(() => {
    if (mined) void refresh();
  }, [mined]); // eslint-disable-line react-hooks/exhaustive-deps

  /** Sends the transaction `send` returns; `send` may first wait for earlier ones, naming each step. */
  async function run(send: (step: (text: string) => void) => Promise<Hex>): Promise<void> {
    reset();
    setInWallet(true);
    try {
      const sent = await send(setStep);
      setHash(sent);
    } catch (e) {
      setError(e);
    } finally {
      setInWallet(false);
      setStep(undefined);
    }
  }

  /** Forgets the last outcome, so that no "Confirmed." stays beside input it was not about. */
  function reset(): void {
    setError(undefined);
    setHash(undefined);
    setStep(undefined);
  }

  let phase: TxPhase = "idle";
  if (inWallet) phase = "wallet";
  else if (error || receipt.error) phase = "error";
  else if (hash && receipt.isPending) phase = "pending";
  else if (receipt.data) phase = receipt.data.status === "success" ? "confirmed" : "reverted";
  return { phase, hash, step, error: error ?? receipt.error, run, reset, busy: phase === "wallet" || phase === "pending" };
}
