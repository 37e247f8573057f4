import { randomBytes } from "node:crypto";
import Stripe from "stripe";

/**
 * Builders for Stripe event payloads with the documented shape (only the fields the app
 * reads, plus the envelope). Used by tests, the seed and the simulator.
 */
type Who = { customer: string; email?: string | null; name?: string | null };

let seq = 0;
export function stripeId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${(seq++).toString(36)}${randomBytes(4).toString("hex")}`;
}

export function stripeEvent(
  type: string,
  object: Record<string, unknown>,
  opts: { id?: string; created?: number } = {},
) {
  return {
    id: opts.id ?? stripeId("evt"),
    object: "event" as const,
    api_version: "2025-10-29.clover",
    created: opts.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

export type StripeEventPayload = ReturnType<typeof stripeEvent>;

export function checkoutSessionCompleted(
  who: Who,
  opts: {
    created?: number;
    id?: string;
    paid?: boolean;
    subscription?: string;
    paymentStatus?: "paid" | "unpaid" | "no_payment_required";
  } = {},
) {
  return stripeEvent(
    "checkout.session.completed",
    {
      id: stripeId("cs"),
      object: "checkout.session",
      mode: "subscription",
      customer: who.customer,
      customer_details: { email: who.email ?? null, name: who.name ?? null },
      payment_status: opts.paymentStatus ?? (opts.paid === false ? "unpaid" : "paid"),
      status: "complete",
      subscription: opts.subscription ?? stripeId("sub"),
      amount_total: 4900,
      currency: "eur",
    },
    opts,
  );
}

export function invoicePaid(
  who: Who,
  opts: { created?: number; id?: string; invoiceId?: string; amount?: number } = {},
) {
  return stripeEvent(
    "invoice.paid",
    {
      id: opts.invoiceId ?? stripeId("in"),
      object: "invoice",
      customer: who.customer,
      customer_email: who.email ?? null,
      customer_name: who.name ?? null,
      status: "paid",
      amount_due: opts.amount ?? 4900,
      amount_paid: opts.amount ?? 4900,
      currency: "eur",
    },
    opts,
  );
}

export function invoicePaymentFailed(
  who: Who,
  opts: {
    created?: number;
    id?: string;
    invoiceId?: string;
    amount?: number;
    nextAttempt?: number | null;
  } = {},
) {
  const created = opts.created ?? Math.floor(Date.now() / 1000);
  return stripeEvent(
    "invoice.payment_failed",
    {
      id: opts.invoiceId ?? stripeId("in"),
      object: "invoice",
      customer: who.customer,
      customer_email: who.email ?? null,
      customer_name: who.name ?? null,
      status: "open",
      amount_due: opts.amount ?? 4900,
      amount_paid: 0,
      currency: "eur",
      attempt_count: 1,
      next_payment_attempt: opts.nextAttempt === undefined ? created + 3 * 86400 : opts.nextAttempt,
    },
    { ...opts, created },
  );
}

export function customerSubscriptionDeleted(
  who: Who,
  opts: { created?: number; id?: string; subscriptionId?: string } = {},
) {
  const created = opts.created ?? Math.floor(Date.now() / 1000);
  return stripeEvent(
    "customer.subscription.deleted",
    {
      id: opts.subscriptionId ?? stripeId("sub"),
      object: "subscription",
      customer: who.customer,
      status: "canceled",
      ended_at: created,
      canceled_at: created,
    },
    { ...opts, created },
  );
}

/** The `Stripe-Signature` header Stripe would send for this exact body. */
export function signStripePayload(
  body: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  return Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
}
