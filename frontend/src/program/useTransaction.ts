// One transaction's life as the UI shows it: waiting for the wallet, pending on chain, confirmed,
// reverted, or failed with an explained error.
import { useEffect, useState } from "react";
import type { Hex } from "viem";
import { useWaitForTransactionReceipt } from "wagmi";
import { programChainId } from "../config.ts";
import { useRefreshNow } from "./live.ts";

export type TxPhase = "idle" | "wallet" | "pending" | "confirmed" | "reverted" | "error";

export function useTransaction() {
  const [hash, setHash] = useState<Hex>();
  const [error, setError] = useState<unknown>();
  const [inWallet, setInWallet] = useState(false);
  const refresh = useRefreshNow();
  const receipt = useWaitForTransactionReceipt({ hash, chainId: programChainId, query: { enabled: Boolean(hash) } });

  const mined = receipt.data?.transactionHash;
  useEffect(() => {
    if (mined) void refresh();
  }, [mined]); // eslint-disable-line react-hooks/exhaustive-deps

  async function run(send: () => Promise<Hex>): Promise<void> {
    setError(undefined);
    setHash(undefined);
    setInWallet(true);
    try {
      const sent = await send();
      setHash(sent);
    } catch (e) {
      setError(e);
    } finally {
      setInWallet(false);
    }
  }

  let phase: TxPhase = "idle";
  if (inWallet) phase = "wallet";
  else if (error || receipt.error) phase = "error";
  else if (hash && receipt.isPending) phase = "pending";
  else if (receipt.data) phase = receipt.data.status === "success" ? "confirmed" : "reverted";
  return { phase, hash, error: error ?? receipt.error, run, busy: phase === "wallet" || phase === "pending" };
}
