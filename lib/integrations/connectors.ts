import type { Env } from "@/lib/env";
import { createAppWebhookConnector } from "@/lib/integrations/app/connector";
import { createEmailConnector } from "@/lib/integrations/email/connector";
import type { FetchLike } from "@/lib/integrations/connector/http";
import { createHubSpotConnector } from "@/lib/integrations/hubspot/connector";
import type { Connector, SyncTarget } from "@/lib/integrations/connector/types";
import { createZendeskConnector } from "@/lib/integrations/zendesk/connector";

/** The configuration the connectors read: a slice of the validated env. */
export type ConnectorEnv = Pick<
  Env,
  | "HUBSPOT_ACCESS_TOKEN"
  | "HUBSPOT_API_BASE"
  | "ZENDESK_SUBDOMAIN"
  | "ZENDESK_API_BASE"
  | "ZENDESK_EMAIL"
  | "ZENDESK_API_TOKEN"
  | "ZENDESK_GROUP_RULES"
  | "SMTP_URL"
  | "EMAIL_FROM"
  | "PRODUCT_NAME"
  | "PRODUCT_URL"
  | "BILLING_PORTAL_URL"
  | "APP_WEBHOOK_URL"
  | "APP_WEBHOOK_SECRET"
>;

/**
 * One connector per sync target, built from the validated env (`createConnectors(env)`).
 * `fetch` replaces the global fetch for every HTTP connector (tests, instrumentation).
 */
export function createConnectors(
  config: ConnectorEnv,
  opts: { fetch?: FetchLike } = {},
): Record<SyncTarget, Connector> {
  return {
    crm: createHubSpotConnector({
      accessToken: config.HUBSPOT_ACCESS_TOKEN,
      apiBase: config.HUBSPOT_API_BASE,
      fetch: opts.fetch,
    }),
    support: createZendeskConnector({
      apiBase: config.ZENDESK_API_BASE,
      subdomain: config.ZENDESK_SUBDOMAIN,
      email: config.ZENDESK_EMAIL,
      apiToken: config.ZENDESK_API_TOKEN,
      groupRules: config.ZENDESK_GROUP_RULES,
      fetch: opts.fetch,
    }),
    email: createEmailConnector({
      smtpUrl: config.SMTP_URL,
      from: config.EMAIL_FROM,
      productName: config.PRODUCT_NAME,
      productUrl: config.PRODUCT_URL,
      billingPortalUrl: config.BILLING_PORTAL_URL,
    }),
    app: createAppWebhookConnector({
      url: config.APP_WEBHOOK_URL,
      secret: config.APP_WEBHOOK_SECRET,
      fetch: opts.fetch,
    }),
  };
}

export type { Connector, SyncTarget } from "@/lib/integrations/connector/types";
export { ConnectorError } from "@/lib/integrations/connector/types";
export { ConnectorRefusal } from "@/lib/integrations/connector/refusal";
