import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { callStripe } from "@/lib/integrations/stripe/client";
import { createSyncTasks } from "@/lib/outbox/create-sync-tasks";

export type PaymentLinkResult = {
  invoiceId: string;
  /** False when a link for this invoice was already sent (nothing new happened). */
  sent: boolean;
  /** "invoice": Stripe's hosted invoice page; "portal": a customer portal session. */
  via: "invoice" | "portal" | null;
  /** New outbox tasks to hand to the executor. */
  syncTasks: { id: string; customerId: string }[];
};

/** The idempotency key of the email (and of the portal session at Stripe): one per invoice. */
export const paymentLinkKey = (invoiceId: string) => `payment-link:${invoiceId}`;

/** The open invoice's hosted page, else a customer portal session (Stripe's truth, read now). */
async function linkFor(
  stripe: Stripe,
  invoiceId: string,
  stripeCustomerId: string | null,
  returnUrl: string | undefined,
): Promise<{ url: string; via: "invoice" | "portal" }> {
  const inv = await callStripe(() => stripe.invoices.retrieve(invoiceId));
  if (inv.status !== "open") {
    throw new DomainError(
      `Stripe says invoice ${invoiceId} is ${inv.status}, not open: nothing to pay`,
    );
  }
  if (inv.hosted_invoice_url) return { url: inv.hosted_invoice_url, via: "invoice" };
  const customer = stripeCustomerId ?? (typeof inv.customer === "string" ? inv.customer : null);
  if (!customer) throw new DomainError("This customer has no Stripe customer to open a portal for");
  const session = await callStripe(() =>
    stripe.billingPortal.sessions.create(
      { customer, ...(returnUrl && { return_url: returnUrl }) },
      { idempotencyKey: paymentLinkKey(invoiceId) },
    ),
  );
  return { url: session.url, via: "portal" };
}

/**
 * Emails the customer a link to pay their newest open invoice (Stripe's hosted invoice page,
 * or a customer portal session when the invoice has none) through the email connector, and
 * audits it as `customer.payment_link`. Idempotent: once per invoice — a second call (double
 * click, another person) sends nothing and says so; the outbox task's idempotency key holds
 * it even under a race.
 */
export async function sendPaymentLink(
  db: Db,
  stripe: Stripe | null,
  customerId: string,
  actor: { email: string },
  opts: { returnUrl?: string } = {},
): Promise<PaymentLinkResult> {
  const customer = await db.customer.findUnique({ where: { id: customerId } });
  if (!customer) throw new DomainError("Customer not found");
  const invoice = await db.invoice.findFirst({
    where: { customerId, status: "open" },
    orderBy: [{ stripeCreatedAt: { sort: "desc", nulls: "last" } }, { stripeEventAt: "desc" }],
  });
  if (!invoice) throw new DomainError("This customer has no open invoice to pay");
  const key = paymentLinkKey(invoice.stripeInvoiceId);
  const already = await db.syncTask.findUnique({ where: { idempotencyKey: key } });
  if (already) return { invoiceId: invoice.stripeInvoiceId, sent: false, via: null, syncTasks: [] };
  if (!customer.email) throw new DomainError("This customer has no email address");
  if (!stripe) throw new DomainError("Stripe is not configured (STRIPE_SECRET_KEY is not set)");
  const link = await linkFor(
    stripe,
    invoice.stripeInvoiceId,
    customer.stripeCustomerId,
    opts.returnUrl,
  );
  const ids = await db.$transaction(async (tx) => {
    const created = await createSyncTasks(
      tx,
      customerId,
      [
        {
          target: "email",
          action: "email.payment_link",
          idempotencyKey: key,
          payload: {
            invoiceId: invoice.stripeInvoiceId,
            amountDue: invoice.amountDue,
            currency: invoice.currency,
            url: link.url,
          },
        },
      ],
      `payment-link-${randomUUID()}`,
    );
    if (created.length > 0) {
      await writeAudit(tx, {
        actor: actor.email,
        action: "customer.payment_link",
        target: customerId,
        after: { invoiceId: invoice.stripeInvoiceId, via: link.via, amountDue: invoice.amountDue },
      });
    }
    return created;
  });
  return {
    invoiceId: invoice.stripeInvoiceId,
    sent: ids.length > 0,
    via: ids.length > 0 ? link.via : null,
    syncTasks: ids.map((id) => ({ id, customerId })),
  };
}
