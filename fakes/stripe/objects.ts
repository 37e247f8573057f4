import { stripeEvent, stripeId } from "@/fakes/stripe/events";

/**
 * Builders for Stripe API objects in the documented shape (API version 2025-10-29.clover:
 * period end on the subscription item, an invoice's subscription under `parent`). Used for
 * webhook payloads and for the fake Stripe API's state alike.
 */
type Sec = number;

export function subscriptionObject(o: {
  id: string;
  customer: string;
  status: string;
  created?: Sec;
  periodEnd?: Sec | null;
  cancelAtPeriodEnd?: boolean;
  trialStart?: Sec | null;
  trialEnd?: Sec | null;
  canceledAt?: Sec | null;
  endedAt?: Sec | null;
  price?: string;
}) {
  return {
    id: o.id,
    object: "subscription",
    customer: o.customer,
    status: o.status,
    created: o.created ?? 1_780_000_000,
    cancel_at_period_end: o.cancelAtPeriodEnd ?? false,
    canceled_at: o.canceledAt ?? null,
    ended_at: o.endedAt ?? null,
    trial_start: o.trialStart ?? null,
    trial_end: o.trialEnd ?? null,
    items: {
      object: "list",
      data: [
        {
          id: `si_${o.id}`,
          object: "subscription_item",
          current_period_end: o.periodEnd ?? null,
          price: {
            id: o.price ?? "price_pro",
            object: "price",
            nickname: "Pro",
            lookup_key: "pro",
          },
        },
      ],
    },
  };
}

export function invoiceObject(o: {
  id: string;
  customer: string;
  status: string;
  subscription?: string | null;
  email?: string | null;
  amountDue?: number;
  created?: Sec;
  nextAttempt?: Sec | null;
  paidAt?: Sec | null;
}) {
  return {
    id: o.id,
    object: "invoice",
    customer: o.customer,
    customer_email: o.email ?? null,
    customer_name: null,
    status: o.status,
    amount_due: o.amountDue ?? 4900,
    amount_paid: o.status === "paid" ? (o.amountDue ?? 4900) : 0,
    currency: "eur",
    created: o.created ?? 1_780_000_000,
    next_payment_attempt: o.nextAttempt ?? null,
    status_transitions: { paid_at: o.paidAt ?? null },
    parent: o.subscription
      ? { type: "subscription_details", subscription_details: { subscription: o.subscription } }
      : null,
  };
}

export function chargeObject(o: {
  id: string;
  customer: string;
  amount?: number;
  amountRefunded?: number;
  created?: Sec;
}) {
  const amount = o.amount ?? 4900;
  const refunded = o.amountRefunded ?? 0;
  return {
    id: o.id,
    object: "charge",
    customer: o.customer,
    amount,
    amount_refunded: refunded,
    refunded: refunded >= amount,
    currency: "eur",
    created: o.created ?? 1_780_000_000,
    billing_details: { email: null, name: null },
  };
}

export function disputeObject(o: { id: string; charge: string; status: string; created?: Sec }) {
  return {
    id: o.id,
    object: "dispute",
    charge: o.charge,
    status: o.status,
    amount: 4900,
    currency: "eur",
    reason: "fraudulent",
    created: o.created ?? 1_780_000_000,
  };
}

export function customerObject(o: { id: string; email?: string | null; name?: string | null }) {
  return {
    id: o.id,
    object: "customer",
    email: o.email ?? null,
    name: o.name ?? null,
    created: 1_780_000_000,
  };
}

export function identitySessionObject(o: { customer: string; status: string }) {
  return {
    id: stripeId("vs"),
    object: "identity.verification_session",
    status: o.status,
    related_customer: o.customer,
    metadata: {},
  };
}

/** A Stripe event of `type` carrying `object`, created at `created` (seconds). */
export function eventOf(type: string, object: Record<string, unknown>, created: Sec, id?: string) {
  return stripeEvent(type, object, { created, id });
}
