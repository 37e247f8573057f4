import type { Env } from "@/lib/env";

/** Where alerts go; each channel is optional. */
export type AlertChannels = {
  slackWebhookUrl?: string;
  email?: { smtpUrl: string; from: string; to: string };
  timeoutMs: number;
  /** Link to the alerts page in messages. */
  dashboardUrl?: string;
};

/** The channels configured in the validated env (never logs or returns more than needed). */
export function alertChannelsFromEnv(env: Env): AlertChannels {
  return {
    slackWebhookUrl: env.ALERT_SLACK_WEBHOOK_URL,
    email: env.ALERT_EMAIL_TO
      ? { smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM, to: env.ALERT_EMAIL_TO }
      : undefined,
    timeoutMs: env.ALERT_DELIVERY_TIMEOUT_MS,
    dashboardUrl: `${env.NEXTAUTH_URL.replace(/\/$/, "")}/alerts`,
  };
}
