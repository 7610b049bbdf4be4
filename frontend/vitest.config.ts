// Vitest for the dApp: view-model logic (`*.test.ts`, Node) and components and hooks rendered in a
// DOM (`*.dom.test.tsx`, jsdom, React Testing Library) against a real Hardhat node and the real
// oracle, which src/test/global-setup.ts starts for the run and stops after it:
//   npx vitest run --config frontend/vitest.config.ts
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { PAGE_ORIGIN } from "./src/test/page.ts";

export default defineConfig({
  plugins: [react()],
  test: {
    root: new URL(".", import.meta.url).pathname,
    include: ["src/**/*.test.ts", "src/**/*.dom.test.tsx"],
    // Logic tests run in Node; each component test opts into a DOM with a first-line docblock
    // `// @vitest-environment jsdom`.
    environment: "node",
    environmentOptions: { jsdom: { url: `${PAGE_ORIGIN}/` } },
    globalSetup: ["src/test/global-setup.ts"],
    // Component tests wait for blocks and receipts from the node; room for a slow machine.
    testTimeout: 15_000,
  },
});
