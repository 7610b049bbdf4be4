import { useConnectModal } from "@rainbow-me/rainbowkit";
import { useAccount, useSwitchChain } from "wagmi";
import { programChain, programChainId } from "../config.ts";
import { ErrorNote } from "../ui/ErrorNote.tsx";
import { useRefusedConnect } from "../wallet/useRefusedConnect.ts";

/**
 * When the wallet is on another network than the program: say so and offer the switch. Before a
 * connection, a wallet that would not connect because it declined the switch to the program's
 * network gets the network's details to add or pick it by hand.
 */
export function NetworkGuard() {
  const { isConnected, chainId } = useAccount();
  const { switchChain, isPending, error } = useSwitchChain();
  const refused = useRefusedConnect();
  const { openConnectModal } = useConnectModal();
  if (!programChain) return null;
  if (!isConnected) {
    if (!refused) return null;
    return (
      <div className="note note-error" role="alert" data-testid="connect-refused-network">
        <strong>Your wallet did not connect: it is on another network (chain {refused.walletChainId}) and the switch to {programChain.name} was declined.</strong>{" "}
        This program lives on {programChain.name} (chain id {programChainId}
        {programChain.rpcUrls.default.http[0] ? <>, RPC <code>{programChain.rpcUrls.default.http[0]}</code></> : null}). In your wallet, switch to that
        network (add it with these details if the wallet does not know it), or accept the switch when you connect again.
        {openConnectModal && (
          <button type="button" className="primary" onClick={openConnectModal}>
            Connect again
          </button>
        )}
      </div>
    );
  }
  if (chainId === programChainId) return null;
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
