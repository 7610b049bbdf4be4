// Unit tests of the dApp's view-model logic (pure functions; no DOM needed):
//   npx vitest run --config frontend/vitest.config.ts
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL(".", import.meta.url).pathname,
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
