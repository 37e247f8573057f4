import {
  attachPaymentMethod,
  createInvoice,
  finalizeInvoice,
  itemsWithPeriod,
  periodEnd,
  updateSubscription,
} from "./billing";
import { attemptInvoice } from "./payments";
import type { StripeModel } from "./model";
import { PERIOD, PRICE } from "./objects";
import type { CustomerSlot, Obj } from "./types";

/** What customers and the merchant do to a running subscription, and what Stripe emits. */
const ENDED = new Set(["canceled", "incomplete_expired"]);

export function subscriptionsOf(m: StripeModel, slot: CustomerSlot): Obj[] {
  return m.list("subscriptions", slot.id);
}

/** The customer's subscription that has not ended (at most one: the model signs up once at a time). */
export function liveSubscription(m: StripeModel, slot: CustomerSlot): Obj | null {
  return subscriptionsOf(m, slot).find((s) => !ENDED.has(String(s.status))) ?? null;
}

/** Invoices with a failed attempt that are still unpaid (open or uncollectible), newest last. */
export function failedUnpaidInvoices(m: StripeModel, slot: CustomerSlot): Obj[] {
  return m
    .list("invoices", slot.id)
    .filter(
      (i) => ["open", "uncollectible"].includes(String(i.status)) && Number(i.attempt_count) > 0,
    );
}

export function subscriptionOf(invoice: Obj): string | null {
  const parent = invoice.parent as { subscription_details?: { subscription?: string } } | null;
  return parent?.subscription_details?.subscription ?? null;
}

/** The customer's card starts declining (it expired; Stripe learns it at the next attempt). */
export function cardFails(slot: CustomerSlot) {
  slot.cardOk = false;
}

/** The customer saves a new card in the portal (a SetupIntent; it becomes the default). */
export function cardFixed(m: StripeModel, slot: CustomerSlot) {
  attachPaymentMethod(m, slot, true);
}

/**
 * The customer pays an unpaid invoice on the hosted invoice page. Paying the latest invoice
 * of a past_due, unpaid or incomplete subscription makes it active (docs.stripe.com/billing/
 * subscriptions/overview: "To move the subscription to active, pay the most recent invoice").
 */
export function payNow(m: StripeModel, slot: CustomerSlot, invoice: string) {
  attemptInvoice(m, slot, invoice, true, null);
  const sub = subscriptionOf(m.get("invoices", invoice));
  if (!sub) return;
  const s = m.get("subscriptions", sub);
  if (
    s.latest_invoice === invoice &&
    ["past_due", "unpaid", "incomplete"].includes(String(s.status))
  ) {
    updateSubscription(m, sub, { status: "active" });
  }
}

export function cancelAtPeriodEnd(m: StripeModel, sub: string) {
  const s = m.get("subscriptions", sub);
  updateSubscription(m, sub, {
    cancel_at_period_end: true,
    cancel_at: periodEnd(s),
    canceled_at: m.now,
    cancellation_details: { comment: null, feedback: null, reason: "cancellation_requested" },
  });
}

export function undoCancel(m: StripeModel, sub: string) {
  updateSubscription(m, sub, {
    cancel_at_period_end: false,
    cancel_at: null,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
  });
}

/**
 * Ends a subscription now (customer.subscription.deleted carries no previous_attributes).
 * Its unpaid invoices stay open but are no longer retried (invoice.updated).
 */
export function endSubscription(m: StripeModel, sub: string, reason: string, at = m.now) {
  m.update("subscriptions", sub, {
    status: "canceled",
    canceled_at: m.get("subscriptions", sub).canceled_at ?? m.now,
    ended_at: at,
    cancellation_details: { comment: null, feedback: null, reason },
  });
  m.emit("customer.subscription.deleted", "subscriptions", sub);
  for (const inv of m.list("invoices")) {
    if (subscriptionOf(inv) !== sub || inv.next_payment_attempt === null) continue;
    const previous = m.update("invoices", String(inv.id), { next_payment_attempt: null });
    m.emit("invoice.updated", "invoices", String(inv.id), previous);
  }
}

/** Stripe's status for a subscription from its most recent invoice that is not void. */
function statusFromInvoices(m: StripeModel, sub: string, current: string): string {
  const latest = m
    .list("invoices")
    .filter((i) => subscriptionOf(i) === sub && i.status !== "void")
    .at(-1);
  return latest?.status === "paid" ? "active" : current;
}

/**
 * The merchant voids the latest (failed) invoice of a past_due or unpaid subscription.
 * "Voided invoices don't affect subscription status. Stripe determines the status from the
 * most recent non-voided invoice" (docs.stripe.com/billing/subscriptions/overview,
 * subscription statuses): with the previous invoice paid, the subscription is active again.
 */
export function voidInvoice(m: StripeModel, invoice: string) {
  const inv = m.get("invoices", invoice);
  const previous = m.update("invoices", invoice, {
    status: "void",
    amount_remaining: 0,
    next_payment_attempt: null,
    status_transitions: { ...(inv.status_transitions as Obj), voided_at: m.now },
  });
  m.emit("invoice.voided", "invoices", invoice);
  m.emit("invoice.updated", "invoices", invoice, previous);
  const sub = subscriptionOf(inv);
  if (!sub) return;
  const status = String(m.get("subscriptions", sub).status);
  updateSubscription(m, sub, { status: statusFromInvoices(m, sub, status) });
}

/**
 * The merchant marks the latest invoice of a past_due subscription uncollectible: "For
 * past_due subscriptions, paying the latest associated invoice or marking it uncollectible
 * transitions the subscription to active" (docs.stripe.com/billing/subscriptions/overview).
 */
export function markUncollectible(m: StripeModel, invoice: string) {
  const inv = m.get("invoices", invoice);
  const previous = m.update("invoices", invoice, {
    status: "uncollectible",
    next_payment_attempt: null,
    status_transitions: { ...(inv.status_transitions as Obj), marked_uncollectible_at: m.now },
  });
  m.emit("invoice.marked_uncollectible", "invoices", invoice);
  m.emit("invoice.updated", "invoices", invoice, previous);
  const sub = subscriptionOf(inv);
  if (sub && m.get("subscriptions", sub).status === "past_due") {
    updateSubscription(m, sub, { status: "active" });
  }
}

/**
 * A subscription paused at the end of a trial without a card is resumed once the customer
 * adds one (POST /v1/subscriptions/:id/resume, billing_cycle_anchor=now): a new period
 * starts with an invoice that is paid at once; Stripe emits customer.subscription.resumed.
 */
export function resume(m: StripeModel, slot: CustomerSlot, sub: string) {
  attachPaymentMethod(m, slot, true);
  const end = m.now + PERIOD;
  const inv = createInvoice(m, slot, {
    subscription: sub,
    amount: PRICE.amount,
    reason: "subscription_update",
    start: m.now,
    end,
  });
  finalizeInvoice(m, inv);
  attemptInvoice(m, slot, inv, true, null);
  const s = m.get("subscriptions", sub);
  updateSubscription(m, sub, {
    status: "active",
    default_payment_method: slot.paymentMethod,
    billing_cycle_anchor: m.now,
    items: itemsWithPeriod(s, m.now, end),
  });
  m.emit("customer.subscription.resumed", "subscriptions", sub);
}
