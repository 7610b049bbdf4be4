import { useAccount, useSwitchChain } from "wagmi";
import { programChain, programChainId } from "../config.ts";
import { ErrorNote } from "../ui/ErrorNote.tsx";

/** When the wallet is on another network than the program: say so and offer the switch. */
export function NetworkGuard() {
  const { isConnected, chainId } = useAccount();
  const { switchChain, isPending, error } = useSwitchChain();
  if (!isConnected || chainId === programChainId || !programChain) return null;
  return (
    <div className="note note-warn" role="alert" data-testid="wrong-network">
      <strong>Your wallet is on another network{chainId ? ` (chain ${chainId})` : ""}.</strong> This program lives on {programChain.name}. Reading works as it is; to claim or deposit, switch.
      <button type="button" className="primary" onClick={() => switchChain({ chainId: programChainId })} disabled={isPending}>
        {isPending ? "Switching…" : `Switch to ${programChain.name}`}
      </button>
      {error && <ErrorNote error={error} />}
    </div>
  );
}
