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
