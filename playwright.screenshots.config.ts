import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * `npm run screenshots`: every page at 1366 and 375 px for each role, written to
 * screenshots/ (git-ignored), against the end-to-end stack started as a public demo
 * (E2E_DEMO=1: the overview's demo note and one-click sign-in show). Not part of `npm test`.
 * `npm run screenshots:tour` rewrites the README's tour images in docs/tour/.
 */
export default defineConfig({
  ...base,
  timeout: 600_000,
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "screenshots", testMatch: /screenshots\.shots\.ts/, dependencies: ["setup"] },
  ],
  webServer: {
    ...base.webServer,
    command: "npx tsx e2e/support/e2e-server.ts",
    env: { E2E_DEMO: "1" },
  } as typeof base.webServer,
});
