import { execFileSync } from "node:child_process";
import { startMailCapture } from "@/fakes/mail-capture";
import { recreateDatabase } from "../dev/local-database";
import { TEST_DATABASE_URL, TEST_ENV } from "./test-env";

/**
 * Vitest global setup: a fresh database with every migration applied through the real CLI,
 * and a real SMTP server at the tests' SMTP_URL so mail side effects complete.
 */
export default async function setup() {
  // Another test run on this machine may already serve that port: its server accepts our mail too.
  const mail = await startMailCapture({ smtpPort: Number(new URL(TEST_ENV.SMTP_URL).port) }).catch(
    (e: NodeJS.ErrnoException) => {
      if (e.code !== "EADDRINUSE") throw e;
      return null;
    },
  );
  await recreateDatabase(TEST_DATABASE_URL);
  execFileSync(process.execPath, ["prisma/cli.mjs", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL },
    stdio: "pipe",
  });
  return () => mail?.stop();
}
