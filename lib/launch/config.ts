import { env } from "@/lib/env";
import { stripeClient } from "@/lib/integrations/stripe/client";
import type { HandoverConfig } from "@/lib/launch/handover/build-handover";
import type { LaunchConfig } from "@/lib/launch/registry";
import type { ProbeOptions } from "@/lib/launch/uptime/probe";

/** How often the schedule runs every launch check (uptime probes run every minute). */
export const LAUNCH_CHECK_INTERVAL_MINUTES = 15;

/** The launch checks' configuration, from the validated environment. */
export function launchConfig(): LaunchConfig {
  const zendeskBase =
    env.ZENDESK_API_BASE ??
    (env.ZENDESK_SUBDOMAIN ? `https://${env.ZENDESK_SUBDOMAIN}.zendesk.com` : undefined);
  return {
    publicBaseUrl: env.NEXTAUTH_URL,
    nodeEnv: env.NODE_ENV,
    // The one read of the raw environment outside lib/env.ts: the secrets checks need every
    // variable's name (NEXT_PUBLIC_*), not only the ones lib/env.ts knows. Values stay here.
    source: process.env,
    stripe: stripeClient(),
    zendesk:
      zendeskBase && env.ZENDESK_EMAIL && env.ZENDESK_API_TOKEN
        ? { base: zendeskBase, email: env.ZENDESK_EMAIL, apiToken: env.ZENDESK_API_TOKEN }
        : null,
  };
}

/** How the uptime probes reach the network. */
export function probeOptions(): Omit<ProbeOptions, "keyword"> {
  return { allowPrivate: false, timeoutMs: 10_000 };
}

/** What the handover document may say about configuration: names, hosts, never values. */
export function handoverConfig(): HandoverConfig {
  let smtpHost: string | null = null;
  try {
    smtpHost = new URL(env.SMTP_URL).host;
  } catch {
    smtpHost = null;
  }
  return {
    publicBaseUrl: env.NEXTAUTH_URL,
    emailFrom: env.EMAIL_FROM,
    smtpHost,
    configured: new Set(Object.keys(process.env).filter((k) => Boolean(process.env[k]))),
    alertEmailTo: env.ALERT_EMAIL_TO ?? null,
  };
}
