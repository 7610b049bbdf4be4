/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** JSON-RPC URL of the local chain (31337). Default http://127.0.0.1:8545. */
  readonly VITE_RPC_URL?: string;
  /** Chain the program lives on (31337 or a configured public network). Default 31337. */
  readonly VITE_CHAIN_ID?: string;
  /** A RevenueSplitter to open by default. */
  readonly VITE_SPLITTER_ADDRESS?: string;
  /** A RevenueSplitterFactory whose ProgramCreated events feed the program picker. */
  readonly VITE_FACTORY_ADDRESS?: string;
  /** The chain's ReaderKeyRegistry (published consumer, auditor and committee reader keys): enables the audit's readers check. */
  readonly VITE_READER_REGISTRY_ADDRESS?: string;
  /** First block to read logs from (the deployment block on public networks). Default 0. */
  readonly VITE_FROM_BLOCK?: string;
  /** Enables Base Sepolia with this RPC URL. */
  readonly VITE_BASE_SEPOLIA_RPC_URL?: string;
  /** Enables Ethereum Sepolia with this RPC URL. */
  readonly VITE_SEPOLIA_RPC_URL?: string;
  /** Enables Ethereum mainnet with this RPC URL (otherwise no request goes to a mainnet endpoint). */
  readonly VITE_MAINNET_RPC_URL?: string;
  /** Enables WalletConnect (otherwise injected wallets only, no outside request). */
  readonly VITE_WALLETCONNECT_PROJECT_ID?: string;
  /** The indexer (indexer/, npm start runs one): history, earnings, deposits, claims and the catalogue are read from it; without it, or while it does not answer, from the chain's logs. */
  readonly VITE_INDEXER_URL?: string;
  /** Base URL of the oracle service. */
  readonly VITE_ORACLE_URL?: string;
  /** An IPFS HTTP gateway (GET <url>/ipfs/<cid>, with CORS) the dApp reads manifests, key envelopes and encrypted data from; default: the oracle's /ipfs. */
  readonly VITE_IPFS_GATEWAY?: string;
  /** Where the CLI reads the data in the auditor page's suggested command (default VITE_IPFS_GATEWAY); `npm start` sets the oracle's own URL. */
  readonly VITE_AUDIT_GATEWAY?: string;
  /** The auditor's view key keystore and its passphrase file, for the suggested replay command (`npm start` sets its local auditor's). */
  readonly VITE_AUDITOR_KEYSTORE?: string;
  readonly VITE_AUDITOR_PASSPHRASE_FILE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
