// The wallet button: RainbowKit's modals (connect, account, networks) behind buttons of the app's
// own, so they read like the rest of the page (addresses shortened one way, the network named in
// words) and meet the page's contrast and naming rules.
import { ConnectButton } from "@rainbow-me/rainbowkit";
import { shortHex } from "../chain/format.ts";

export function WalletButton() {
  return (
    <ConnectButton.Custom>
      {({ account, chain, openAccountModal, openChainModal, openConnectModal, mounted }) => {
        if (!mounted) return <span className="wallet-buttons" aria-hidden="true" />;
        if (!account || !chain) {
          return (
            <button type="button" className="primary" onClick={openConnectModal}>
              Connect Wallet
            </button>
          );
        }
        return (
          <span className="wallet-buttons">
            {chain.unsupported ? (
              <button type="button" className="warn" onClick={openChainModal}>
                Wrong network
              </button>
            ) : (
              <button type="button" className="wallet-network" onClick={openChainModal} aria-label={`Network ${chain.name ?? chain.id}: change`}>
                {chain.name ?? `Chain ${chain.id}`}
              </button>
            )}
            <button type="button" onClick={openAccountModal} aria-label={`Wallet ${shortHex(account.address)}: account`} title={account.address}>
              {shortHex(account.address)}
            </button>
          </span>
        );
      }}
    </ConnectButton.Custom>
  );
}
