// Vite config of the dApp. Run from the repository root: `vite build --config frontend/vite.config.ts`.
// Env: VITE_RPC_URL, VITE_CHAIN_ID, VITE_SPLITTER_ADDRESS, VITE_FACTORY_ADDRESS, VITE_FROM_BLOCK,
// VITE_BASE_SEPOLIA_RPC_URL, VITE_SEPOLIA_RPC_URL, VITE_MAINNET_RPC_URL (each *_RPC_URL one URL or
// several separated by commas), VITE_WALLETCONNECT_PROJECT_ID and the rest in README.md.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { bundleReport } from "./scripts/bundle-report.ts";

const here = dirname(fileURLToPath(import.meta.url));

// The oracle is served under /oracle on the dApp's own origin (its session cookie is SameSite=Lax,
// which a browser keeps off another site's requests even where the oracle answers CORS): `vite`
// and `vite preview` proxy it to ORACLE_PROXY_TARGET.
const oracleTarget = process.env.ORACLE_PROXY_TARGET ?? "http://127.0.0.1:8787";
// xfwd: the oracle limits requests per browser, and behind this proxy every browser would
// otherwise be one address (the oracle believes it with ORACLE_TRUST_PROXY).
const proxy = { "/oracle": { target: oracleTarget, xfwd: true, rewrite: (path: string) => path.replace(/^\/oracle/, "") } };

export default defineConfig({
  root: here,
  envDir: here,
  base: "./",
  plugins: [react(), bundleReport({ budgetKb: 400 })],
  // The dApp imports the shared payout math and EIP-712 types from oracle/protocol/.
  server: { fs: { allow: [resolve(here, "..")] }, host: "127.0.0.1", proxy },
  preview: { host: "127.0.0.1", proxy },
  // The budget that matters is the initial JavaScript, checked by bundleReport; the one big chunk
  // is wagmi + viem + RainbowKit, which every view needs.
  build: { outDir: resolve(here, "dist"), emptyOutDir: true, target: "es2022", sourcemap: false, chunkSizeWarningLimit: 1000 },
});
