import path from "node:path";
import { defineConfig } from "vitest/config";
import { TEST_ENV } from "./lib/testing/test-env.ts";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["{lib,app,inngest,prisma}/**/*.test.ts"],
    environment: "node",
    env: TEST_ENV,
    globalSetup: ["lib/testing/global-setup.ts"],
    // Integration tests share one real Postgres database and reset it between tests.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    coverage: {
      provider: "v8",
      include: ["lib/**/*.ts", "inngest/**/*.ts"],
      exclude: ["lib/generated/**", "lib/testing/**", "lib/dev/**", "lib/cli/**", "**/*.test.ts"],
      reporter: ["text-summary", "json-summary"],
      // Sync engine and connectors keep at least 80 % line coverage.
      thresholds: { "lib/sync/**": { lines: 80 } },
    },
  },
});
