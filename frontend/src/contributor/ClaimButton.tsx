import type { Address } from "viem";
import { useAccount } from "wagmi";
import { programChainId } from "../config.ts";
import { useWriteRevenueSplitterClaim } from "../chain/generated.ts";
import { useTransaction } from "../program/useTransaction.ts";
import { TxStatus } from "../ui/TxStatus.tsx";

/** Claims everything claimable to the connected wallet, in one click. */
export function ClaimButton({ program, account, claimable, label }: { program: Address; account: Address; claimable?: bigint; label?: string }) {
  const { chainId } = useAccount();
  const { writeContractAsync } = useWriteRevenueSplitterClaim();
  const tx = useTransaction();
  const wrongNetwork = chainId !== programChainId;
  const nothing = claimable === undefined || claimable === 0n;
  return (
    <div className="claim">
      <button
        type="button"
        className="primary"
        disabled={tx.busy || nothing || wrongNetwork}
        onClick={() => tx.run(() => writeContractAsync({ address: program, chainId: programChainId, args: [account] }))}
      >
        {tx.busy ? "Claiming…" : nothing ? "Nothing to claim" : `Claim ${label ?? ""}`}
      </button>
      {wrongNetwork && <p className="muted">Switch to the program's network to claim.</p>}
      <TxStatus phase={tx.phase} hash={tx.hash} error={tx.error} done="Claimed: the amount is in your wallet." />
    </div>
  );
}
