/**
 * Values that make the embedded demo run with nothing configured. Only applied by the
 * demo runner for variables that are not set; never used by `npm start` (production).
 */
export function demoDefaults(port: number): Record<string, string> {
  return {
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXTAUTH_SECRET: "demo-only-secret-do-not-use-in-production-0000",
    STRIPE_WEBHOOK_SECRET: "whsec_demo_launch_ready_local_only",
    OPS_API_TOKEN: "demo-ops-api-token-local-only-000000",
    EMAIL_FROM: "Launch Ready <no-reply@launchready.local>",
    HUBSPOT_CLIENT_SECRET: "demo-hubspot-client-secret",
    ZENDESK_WEBHOOK_SECRET: "demo-zendesk-webhook-secret",
    APP_INBOUND_WEBHOOK_SECRET: "whsec_ZGVtby1hcHAtaW5ib3VuZC1zZWNyZXQtMDAwMDAwMDA=",
    METRICS_TOKEN: "demo-metrics-token-local-only-000000",
    DEMO_MODE: "1",
  };
}
