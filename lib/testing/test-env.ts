/** Configuration every Vitest worker runs with: a database of its own, fake secrets. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/launchready_test";

export const TEST_ENV: Record<string, string> = {
  NODE_ENV: "test",
  DATABASE_URL: TEST_DATABASE_URL,
  DATABASE_POOL_SIZE: "5",
  NEXTAUTH_URL: "http://localhost:3999",
  NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-00",
  SMTP_URL: "smtp://127.0.0.1:2599",
  STRIPE_WEBHOOK_SECRET: "whsec_test_launch_ready_vitest",
  OPS_API_TOKEN: "test-ops-token-0123456789abcdef",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
  INNGEST_EVENT_KEY: "",
  INNGEST_DEV: "",
};
