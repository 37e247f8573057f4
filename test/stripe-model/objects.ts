/**
 * Stripe objects in the documented shape of API version 2025-10-29.clover: the billing
 * period lives on the subscription item (`items.data[0].current_period_*`), an invoice names
 * its subscription under `parent.subscription_details`, charges and payment intents no longer
 * carry `invoice` (removed in 2025-03-31.basil: invoices list their payments instead).
 */
export const PRICE = { id: "price_pro", amount: 4900, currency: "eur" } as const;
export const ONE_OFF_AMOUNT = 9900;
export const DAY = 86_400;
export const PERIOD = 30 * DAY;
export const TRIAL = 7 * DAY;

export function customerObject(o: { id: string; email: string; name: string; created: number }) {
  return {
    id: o.id,
    object: "customer",
    email: o.email,
    name: o.name,
    created: o.created,
    livemode: false,
    invoice_settings: { default_payment_method: null as string | null },
    metadata: {},
  };
}

export function subscriptionObject(o: {
  id: string;
  customer: string;
  status: string;
  created: number;
  periodStart: number;
  periodEnd: number;
  trialEnd?: number | null;
  paymentMethod: string | null;
  missingPaymentMethod?: "pause" | "create_invoice";
}) {
  return {
    id: o.id,
    object: "subscription",
    customer: o.customer,
    status: o.status,
    created: o.created,
    start_date: o.created,
    billing_cycle_anchor: o.periodEnd,
    cancel_at: null as number | null,
    cancel_at_period_end: false,
    canceled_at: null as number | null,
    ended_at: null as number | null,
    cancellation_details: { comment: null, feedback: null, reason: null as string | null },
    collection_method: "charge_automatically",
    currency: PRICE.currency,
    default_payment_method: o.paymentMethod,
    latest_invoice: null as string | null,
    livemode: false,
    metadata: {},
    pause_collection: null,
    trial_start: o.trialEnd ? o.created : null,
    trial_end: o.trialEnd ?? null,
    trial_settings: {
      end_behavior: { missing_payment_method: o.missingPaymentMethod ?? "create_invoice" },
    },
    items: {
      object: "list",
      data: [
        {
          id: `si_${o.id.slice(4)}`,
          object: "subscription_item",
          current_period_start: o.periodStart,
          current_period_end: o.periodEnd,
          quantity: 1,
          price: {
            id: PRICE.id,
            object: "price",
            nickname: "Pro",
            lookup_key: "pro",
            unit_amount: PRICE.amount,
            currency: PRICE.currency,
            recurring: { interval: "month", interval_count: 1 },
          },
        },
      ],
    },
  };
}

export function invoiceObject(o: {
  id: string;
  customer: string;
  email: string;
  name: string;
  subscription: string | null;
  amount: number;
  created: number;
  billingReason: string;
  periodStart: number;
  periodEnd: number;
}) {
  return {
    id: o.id,
    object: "invoice",
    customer: o.customer,
    customer_email: o.email,
    customer_name: o.name,
    status: "draft",
    amount_due: o.amount,
    amount_paid: 0,
    amount_remaining: o.amount,
    total: o.amount,
    subtotal: o.amount,
    currency: PRICE.currency,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    billing_reason: o.billingReason,
    collection_method: "charge_automatically",
    created: o.created,
    period_start: o.periodStart,
    period_end: o.periodEnd,
    next_payment_attempt: null as number | null,
    livemode: false,
    status_transitions: {
      finalized_at: null as number | null,
      paid_at: null as number | null,
      voided_at: null as number | null,
      marked_uncollectible_at: null as number | null,
    },
    parent: o.subscription
      ? {
          type: "subscription_details",
          quote_details: null,
          subscription_details: { subscription: o.subscription, metadata: {} },
        }
      : null,
  };
}
