import { createHash } from "node:crypto";
import nodemailer from "nodemailer";
import { formatDate, formatMoney } from "@/lib/format";
import { renderDunning } from "@/lib/integrations/email/templates/dunning";
import { renderPaymentLink } from "@/lib/integrations/email/templates/payment-link";
import { renderWelcome } from "@/lib/integrations/email/templates/welcome";
import { scrub, unsupportedAction } from "@/lib/integrations/connector/http";
import { ConnectorRefusal } from "@/lib/integrations/connector/refusal";
import {
  ConnectorError,
  type Connector,
  type ConnectorResult,
  type CustomerSnapshot,
  type SyncTaskInput,
} from "@/lib/integrations/connector/types";

export type EmailConfig = {
  /** SMTP_URL, e.g. smtp://user:pass@smtp.example.com:587. */
  smtpUrl?: string;
  /** EMAIL_FROM, e.g. "Acme <hello@acme.com>". */
  from?: string;
  /** PRODUCT_NAME, shown in subjects and signatures. */
  productName?: string;
  /** PRODUCT_URL: the welcome email's "Get started" link. */
  productUrl?: string;
  /** BILLING_PORTAL_URL: where a dunning email sends the customer to fix the card. */
  billingPortalUrl?: string;
};

/** Access statuses in which each email may go out: never onboarding for a failed payment. */
const WELCOME_ALLOWED = new Set(["active"]);
const DUNNING_ALLOWED = new Set(["past_due", "blocked"]);

/**
 * A Message-ID derived from the idempotency key: a resend of the same task carries the same
 * id, so mail servers, clients and tests can recognise it as the same message.
 */
export function messageIdFor(idempotencyKey: string, from: string | undefined): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from ?? "")?.[1] ?? "launchready.local";
  const hash = createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32);
  return `<${hash}@${domain}>`;
}

type SmtpError = { code?: string; responseCode?: number; message?: string };

/** SMTP 4xx and connection problems are retryable; 5xx, auth and envelope errors are not. */
function errorFromSmtp(err: unknown, secrets: (string | undefined)[]): ConnectorError {
  const e = (err ?? {}) as SmtpError;
  const message = scrub(
    `SMTP send failed: ${e.code ?? "error"} ${e.message ?? String(err)}`,
    secrets,
  );
  if (e.responseCode && e.responseCode >= 500) return new ConnectorError(message, "permanent");
  if (e.responseCode && e.responseCode >= 400) return new ConnectorError(message, "retryable");
  if (e.code === "EAUTH" || e.code === "EENVELOPE") return new ConnectorError(message, "permanent");
  return new ConnectorError(message, "retryable");
}

/**
 * The email connector: `email.welcome` (only while access is active), `email.dunning`
 * (only while the customer is past due or blocked) and `email.payment_link` (sent by a person), rendered from the repo's templates and
 * sent over SMTP with a deterministic Message-ID.
 */
/**
 * nodemailer's own timeouts for one send. The sync claim lease (lib/outbox/run-sync-task.ts)
 * is derived to outlast them and the task's email timeout.
 */
export const EMAIL_SMTP_TIMEOUTS_MS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
} as const;

export function createEmailConnector(config: EmailConfig): Connector {
  const productName = config.productName ?? "Launch Ready";
  let password: string | undefined;
  try {
    password = config.smtpUrl ? decodeURIComponent(new URL(config.smtpUrl).password) : undefined;
  } catch {
    password = undefined;
  }
  const secrets = [config.smtpUrl, password];
  let transport: nodemailer.Transporter | undefined;

  function notConfiguredReason(): string | null {
    if (!config.smtpUrl) return "SMTP_URL is not set";
    if (!config.from) return "EMAIL_FROM is not set";
    return null;
  }

  async function send(
    task: SyncTaskInput,
    customer: CustomerSnapshot,
    mail: { subject: string; text: string; html: string },
    signal: AbortSignal,
  ): Promise<ConnectorResult> {
    transport ??= nodemailer.createTransport(config.smtpUrl!, EMAIL_SMTP_TIMEOUTS_MS);
    const messageId = messageIdFor(task.idempotencyKey, config.from);
    if (signal.aborted) throw new ConnectorError("SMTP send failed: timed out", "retryable");
    // nodemailer cannot cancel a send: stop waiting when the task's time is up. The send may
    // still complete; its retry carries the same Message-ID, so it is recognisable.
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new ConnectorError("SMTP send failed: timed out", "retryable"));
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      const info = await Promise.race([
        transport.sendMail({
          from: config.from,
          to: customer.name ? { name: customer.name, address: customer.email! } : customer.email!,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId,
          headers: { "X-Launch-Ready-Task": task.id },
        }),
        aborted,
      ]);
      return {
        externalRef: messageId,
        detail: `sent (${String(info.response ?? "").slice(0, 80)})`,
      };
    } catch (err) {
      if (err instanceof ConnectorError) throw err;
      throw errorFromSmtp(err, secrets);
    } finally {
      signal.removeEventListener("abort", onAbort!);
    }
  }

  return {
    target: "email",
    notConfiguredReason,
    async perform(task: SyncTaskInput, customer: CustomerSnapshot, signal: AbortSignal) {
      const reason = notConfiguredReason();
      if (reason) throw new ConnectorError(reason, "permanent");
      if (!customer.email)
        throw new ConnectorError("email: the customer has no email", "permanent");

      if (task.action === "email.welcome") {
        if (!WELCOME_ALLOWED.has(customer.accessStatus)) {
          throw new ConnectorRefusal(
            `refusing the welcome email: access is ${customer.accessStatus}, not active`,
          );
        }
        const mail = renderWelcome({
          name: customer.name,
          productName,
          productUrl: config.productUrl,
        });
        return send(task, customer, mail, signal);
      }
      if (task.action === "email.dunning") {
        if (!DUNNING_ALLOWED.has(customer.accessStatus)) {
          throw new ConnectorRefusal(
            `refusing the dunning email: access is ${customer.accessStatus}, not past_due or blocked`,
          );
        }
        const p = (task as SyncTaskInput<"email.dunning">).payload;
        const mail = renderDunning({
          name: customer.name,
          productName,
          invoiceId: p.invoiceId,
          amount: formatMoney(p.amountDue, p.currency) || undefined,
          nextAttempt: formatDate(p.nextAttemptAt) || undefined,
          billingPortalUrl: config.billingPortalUrl,
        });
        return send(task, customer, mail, signal);
      }
      if (task.action === "email.payment_link") {
        const p = (task as SyncTaskInput<"email.payment_link">).payload;
        const mail = renderPaymentLink({
          name: customer.name,
          productName,
          invoiceId: p.invoiceId,
          amount: formatMoney(p.amountDue, p.currency) || undefined,
          url: p.url,
        });
        return send(task, customer, mail, signal);
      }
      throw unsupportedAction("email", task.action);
    },
  };
}
