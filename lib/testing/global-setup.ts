import { execFileSync } from "node:child_process";
import { recreateDatabase } from "./local-database";
import { TEST_DATABASE_URL } from "./test-env";

/** Vitest global setup: a fresh database with every migration applied through the real CLI. */
export default async function setup() {
  await recreateDatabase(TEST_DATABASE_URL);
  execFileSync(process.execPath, ["prisma/cli.mjs", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL },
    stdio: "pipe",
  });
}
