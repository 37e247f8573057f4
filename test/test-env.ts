/** Configuration every Vitest worker runs with: a database of its own, fake secrets. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/launchready_test";

/**
 * Outbound connectors (HubSpot, Zendesk, app webhook) are not configured by default, so
 * side effects are skipped unless a test points them at its fakes; mail goes to the real
 * SMTP capture server started by global-setup.ts.
 */
export const TEST_HUBSPOT_ACCESS_TOKEN = "test-hubspot-access-token-0000";

export const TEST_ENV: Record<string, string> = {
  NODE_ENV: "test",
  DATABASE_URL: TEST_DATABASE_URL,
  DATABASE_POOL_SIZE: "5",
  NEXTAUTH_URL: "http://localhost:3999",
  NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-00",
  SMTP_URL: `smtp://127.0.0.1:${process.env.TEST_SMTP_PORT ?? 2599}`,
  STRIPE_WEBHOOK_SECRET: "whsec_test_launch_ready_vitest",
  OPS_API_TOKEN: "test-ops-token-0123456789abcdef",
  HUBSPOT_CLIENT_SECRET: "test-hubspot-client-secret-0000",
  HUBSPOT_API_TIMEOUT_MS: "1500",
  ZENDESK_WEBHOOK_SECRET: "test-zendesk-signing-secret-0000",
  APP_INBOUND_WEBHOOK_SECRET: "whsec_dGVzdC1hcHAtaW5ib3VuZC1zZWNyZXQtMDAwMA==",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
  INNGEST_EVENT_KEY: "",
  INNGEST_DEV: "",
};
