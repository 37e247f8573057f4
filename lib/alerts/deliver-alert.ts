import nodemailer from "nodemailer";
import type { AlertChannels } from "@/lib/alerts/channels";
import { redactText } from "@/lib/redact";

export type AlertMessage = {
  kind: "fired" | "resolved";
  title: string;
  detail: string;
  scope: string;
};

export type Delivery = { channel: "slack" | "email"; ok: boolean; at: string; error?: string };

function render(m: AlertMessage, dashboardUrl?: string): { subject: string; text: string } {
  const subject =
    m.kind === "fired" ? `[Launch Ready] ALERT: ${m.title}` : `[Launch Ready] Resolved: ${m.title}`;
  const text = [
    m.kind === "fired" ? `:rotating_light: ${m.title}` : `:white_check_mark: Resolved: ${m.title}`,
    m.detail,
    `Scope: ${m.scope}`,
    dashboardUrl ? `Details: ${dashboardUrl}` : "",
  ]
    .filter(Boolean)
    .join("\n");
  return { subject, text };
}

async function postSlack(url: string, text: string, timeoutMs: number): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`Slack webhook answered ${res.status}`);
}

async function sendEmail(
  cfg: NonNullable<AlertChannels["email"]>,
  subject: string,
  text: string,
  timeoutMs: number,
): Promise<void> {
  const transport = nodemailer.createTransport(cfg.smtpUrl, {
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({ from: cfg.from, to: cfg.to, subject, text });
  } finally {
    transport.close();
  }
}

/**
 * Sends one alert message to every configured channel, each bounded by the timeout.
 * Never throws: every failure is returned as a failed delivery to record on the alert.
 */
export async function deliverAlert(m: AlertMessage, channels: AlertChannels): Promise<Delivery[]> {
  const { subject, text } = render(m, channels.dashboardUrl);
  const attempts: [Delivery["channel"], () => Promise<void>][] = [];
  if (channels.slackWebhookUrl) {
    const url = channels.slackWebhookUrl;
    attempts.push(["slack", () => postSlack(url, text, channels.timeoutMs)]);
  }
  if (channels.email) {
    const email = channels.email;
    attempts.push(["email", () => sendEmail(email, subject, text, channels.timeoutMs)]);
  }
  return Promise.all(
    attempts.map(async ([channel, send]): Promise<Delivery> => {
      const at = new Date().toISOString();
      try {
        await send();
        return { channel, ok: true, at };
      } catch (e) {
        const error = redactText(e instanceof Error ? e.message : String(e)).slice(0, 500);
        return { channel, ok: false, at, error };
      }
    }),
  );
}
