// Typed contract hooks for the dApp, generated from the Hardhat artifacts by the wagmi CLI:
//   npx hardhat build && npx wagmi generate --config frontend/wagmi.config.ts
// (run from the repository root; `npm run build:web` does both). Never edit src/chain/generated.ts.
import { defineConfig } from "@wagmi/cli";
import { hardhat, react } from "@wagmi/cli/plugins";

export default defineConfig({
  out: "frontend/src/chain/generated.ts",
  plugins: [
    hardhat({
      project: ".",
      // Hardhat 3 builds with `hardhat build` (the plugin's default command is Hardhat 2's
      // `hardhat compile`): the build runs before this step instead.
      commands: { clean: false, build: false, rebuild: false },
      include: ["RevenueSplitter.json", "RevenueSplitterFactory.json", "ReaderKeyRegistry.json", "TestUSD.json"],
    }),
    react(),
  ],
});
