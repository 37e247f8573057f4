/** Ports and secrets of the end-to-end stack (a production build on real Postgres, real SMTP). */
export const E2E = {
  port: Number(process.env.E2E_PORT ?? 3100),
  mailHttpPort: Number(process.env.E2E_MAIL_HTTP_PORT ?? 3101),
  smtpPort: Number(process.env.E2E_SMTP_PORT ?? 2526),
  databaseUrl:
    process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/launchready_e2e",
  /** The fake Stripe API (fakes/stripe/api.ts) the server's Stripe SDK talks to. */
  stripeApiPort: Number(
    process.env.E2E_STRIPE_API_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 2,
  ),
  stripeWebhookSecret: "whsec_e2e_launch_ready_local",
  opsApiToken: "e2e-ops-api-token-0123456789abcdef",
  nextAuthSecret: "e2e-secret-e2e-secret-e2e-secret-0000",
};

export const baseURL = `http://localhost:${E2E.port}`;

export const stripeApiURL = `http://127.0.0.1:${E2E.stripeApiPort}`;
