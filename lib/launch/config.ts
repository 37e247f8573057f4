import { env } from "@/lib/env";
import { stripeClient } from "@/lib/integrations/stripe/client";
import {
  netOptionsFromEnv,
  runNetworkChecks,
  type NetworkCheckInput,
} from "@/lib/launch/checks/network";
import type { HandoverConfig } from "@/lib/launch/handover/build-handover";
import type { LaunchConfig } from "@/lib/launch/registry";
import type { LaunchSettingsView } from "@/lib/launch/settings";
import type { ProbeOptions } from "@/lib/launch/uptime/probe";

/** How often the schedule runs every launch check (uptime probes run every minute). */
export const LAUNCH_CHECK_INTERVAL_MINUTES = 15;

const smtpHostOf = (smtpUrl: string) => {
  try {
    return new URL(smtpUrl).hostname || undefined;
  } catch {
    return undefined;
  }
};

/** What the network checks look at: the founder's settings plus EMAIL_FROM and the SMTP host. */
export function networkInput(settings: LaunchSettingsView): NetworkCheckInput {
  return {
    domains: {
      production: settings.productionDomain ?? undefined,
      api: settings.apiDomain ?? undefined,
      dashboard: settings.dashboardDomain ?? undefined,
    },
    productionUrl: settings.productionUrl ?? undefined,
    emailFrom: env.EMAIL_FROM,
    smtpHost: smtpHostOf(env.SMTP_URL),
    dkimSelectors: settings.dkimSelectors,
  };
}

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
    network: (settings) => runNetworkChecks(networkInput(settings), netOptionsFromEnv()),
  };
}

/** How the uptime probes reach the network (LAUNCH_ALLOW_PRIVATE, LAUNCH_EXTRA_CA_FILE). */
export function probeOptions(): Omit<ProbeOptions, "keyword"> {
  const net = netOptionsFromEnv();
  return { allowPrivate: net.allowPrivate, timeoutMs: net.timeoutMs * 2, ca: net.extraCaPem };
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
