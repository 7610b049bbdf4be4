import { createRequire } from "node:module";
import { defineConfig } from "hardhat/config";
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
  },
});
