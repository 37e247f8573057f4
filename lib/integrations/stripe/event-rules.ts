/** A failed payment attempt an event reports. */
export type InvoiceFailure = "payment_failed" | "payment_action_required";

/** The Stripe objects the engine keeps (and, with a key, re-reads from Stripe). */
export type ObjectKind =
  "customer" | "subscription" | "invoice" | "charge" | "dispute" | "checkout_session";

/**
 * What one Stripe event type means to the engine. Every event is a trigger: the object
 * it is about is re-read from Stripe when a key is configured, or taken from the payload
 * (ordered by `created`) when not. Only what the payload alone can tell is listed here:
 * - `failure`: a payment attempt on the invoice failed at the event's time (the past-due
 *   grace period runs from the first one);
 * - `status`: the status the payload's object has after this event (payload mode only);
 * - `via`: the payload is another object that names ours in this field (a refund names
 *   its charge);
 * - `money`: if no customer can be found for it, it becomes an exception for a person,
 *   never a silent "ignored".
 */
export type EventRule =
  | {
      object: ObjectKind;
      failure?: InvoiceFailure;
      status?: string;
      via?: "charge";
      money?: boolean;
    }
  | { object: "identity"; identity: "verified" | "requires_input" }
  | { object: "payment_intent" };

const customer = { object: "customer" } as const;
const subscription = { object: "subscription" } as const;
const invoice = { object: "invoice" } as const;
const invoiceMoney = { object: "invoice", money: true } as const;
const charge = { object: "charge", money: true } as const;
const refund = { object: "charge", via: "charge", money: true } as const;
const dispute = { object: "dispute", money: true } as const;
const checkout = { object: "checkout_session", money: true } as const;
const paymentIntent = { object: "payment_intent" } as const;

/** Every Stripe event type the engine handles; anything else is recorded and ignored. */
export const STRIPE_EVENT_RULES: Record<string, EventRule> = {
  "customer.created": customer,
  "customer.updated": customer,
  "customer.deleted": customer,
  "customer.subscription.created": subscription,
  "customer.subscription.updated": subscription,
  "customer.subscription.deleted": { object: "subscription", status: "canceled" },
  "customer.subscription.paused": { object: "subscription", status: "paused" },
  "customer.subscription.resumed": subscription,
  "customer.subscription.trial_will_end": subscription,
  "customer.subscription.pending_update_applied": subscription,
  "customer.subscription.pending_update_expired": subscription,
  "invoice.created": invoice,
  "invoice.finalized": invoice,
  "invoice.updated": invoice,
  "invoice.voided": invoice,
  "invoice.marked_uncollectible": invoice,
  "invoice.overdue": invoice,
  "invoice.paid": invoiceMoney,
  "invoice.payment_succeeded": invoiceMoney,
  "invoice.payment_failed": { object: "invoice", failure: "payment_failed", money: true },
  "invoice.payment_action_required": {
    object: "invoice",
    failure: "payment_action_required",
    money: true,
  },
  "charge.succeeded": charge,
  "charge.refunded": charge,
  "charge.refund.updated": refund,
  "refund.created": refund,
  "refund.updated": refund,
  "refund.failed": refund,
  "charge.dispute.created": dispute,
  "charge.dispute.updated": dispute,
  "charge.dispute.closed": dispute,
  "charge.dispute.funds_withdrawn": dispute,
  "charge.dispute.funds_reinstated": dispute,
  "checkout.session.completed": checkout,
  "checkout.session.async_payment_succeeded": checkout,
  "checkout.session.async_payment_failed": checkout,
  "payment_intent.succeeded": paymentIntent,
  "payment_intent.payment_failed": paymentIntent,
  "identity.verification_session.verified": { object: "identity", identity: "verified" },
  "identity.verification_session.requires_input": {
    object: "identity",
    identity: "requires_input",
  },
};

export function isHandledStripeEvent(type: string): boolean {
  return Object.hasOwn(STRIPE_EVENT_RULES, type);
}

export function ruleOf(type: string): EventRule | undefined {
  return Object.hasOwn(STRIPE_EVENT_RULES, type) ? STRIPE_EVENT_RULES[type] : undefined;
}
