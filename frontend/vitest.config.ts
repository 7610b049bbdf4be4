// Vitest for the dApp: view-model logic (`*.test.ts`, Node) and components and hooks rendered in a
// DOM (`*.dom.test.tsx`, jsdom, React Testing Library):
//   npx vitest run --config frontend/vitest.config.ts
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  test: {
    root: new URL(".", import.meta.url).pathname,
    include: ["src/**/*.test.ts", "src/**/*.dom.test.tsx"],
    // Logic tests run in Node; each component test opts into a DOM with a first-line docblock
    // `// @vitest-environment jsdom`.
    environment: "node",
  },
});
