import { createRequire } from "node:module";
import { configVariable, defineConfig } from "hardhat/config";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";

// solc comes from the pinned `solc` npm package (soljson, WASM) so that builds never download a compiler.
const require = createRequire(import.meta.url);
const SOLC_VERSION: string = require("solc/package.json").version;
const SOLC_PATH: string = require.resolve("solc/soljson.js");

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    version: SOLC_VERSION,
    path: SOLC_PATH,
    settings: {
      optimizer: { enabled: true, runs: 10_000 },
      evmVersion: "osaka",
    },
  },
  test: {
    solidity: {
      // Deeper runs: FUZZ_RUNS=5000 INVARIANT_RUNS=1000 INVARIANT_DEPTH=200 npx hardhat test solidity
      fuzz: { runs: Number(process.env.FUZZ_RUNS ?? 256) },
      invariant: { runs: Number(process.env.INVARIANT_RUNS ?? 48), depth: Number(process.env.INVARIANT_DEPTH ?? 64) },
    },
  },
  // TypeChain's generated event namespaces are not erasable syntax: keep tsc out of those files
  // (tests still get the types).
  typechain: { tsNocheck: true },
  // Test doubles (contracts/test/) are not part of the product; coverage measures the rest.
  coverage: { skipFiles: ["contracts/test/**"] },
  paths: {
    sources: "contracts",
    tests: { mocha: "test", solidity: "test" },
  },
  networks: {
    localhost: {
      type: "http",
      chainType: "l1",
      url: process.env.RPC_URL ?? "http://127.0.0.1:8545",
    },
    // Public networks (docs/deploy.md). Each value is a configuration variable: read from the
    // Hardhat keystore (`npx hardhat keystore set DEPLOYER_PRIVATE_KEY`) or the environment, and
    // only when the network is used; no key or URL is ever in the repository.
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
    baseSepolia: {
      type: "http",
      chainType: "op",
      url: configVariable("BASE_SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
  },
  // Block explorers for `npx hardhat verify --network <name> <address> <constructor args…>`:
  // Etherscan's v2 API (one key for every chain it serves), Blockscout and Sourcify (no key).
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
    blockscout: { enabled: true },
    sourcify: { enabled: true },
  },
});
