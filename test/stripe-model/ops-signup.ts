import { attachPaymentMethod, createInvoice, ensureCustomer, finalizeInvoice } from "./billing";
import {
  attemptInvoice,
  chargePaymentIntent,
  createPaymentIntent,
  markInvoicePaid,
} from "./payments";
import type { StripeModel } from "./model";
import { ONE_OFF_AMOUNT, PERIOD, PRICE, subscriptionObject, TRIAL } from "./objects";
import { checkoutSessionObject } from "./objects-payments";
import type { CustomerSlot } from "./types";

/**
 * How customers sign up, with the events each path emits. Checkout in subscription mode
 * follows 2025-03-31.basil and later ("Checkout Sessions have lower latency and new update
 * semantics"): the subscription and its first invoice are created only after the payment
 * succeeded, so a failed card never leaves an incomplete subscription behind; the events
 * of one Checkout all carry the same second.
 */
function session(
  m: StripeModel,
  slot: CustomerSlot,
  mode: "subscription" | "payment" | "setup",
  amount: number | null,
) {
  const id = m.id("cs");
  m.put(
    "checkout_sessions",
    checkoutSessionObject({
      id,
      email: slot.email,
      name: slot.name,
      customer: slot.id,
      mode,
      created: m.now,
      amountTotal: amount,
    }),
  );
  return id;
}

function newSubscription(
  m: StripeModel,
  slot: CustomerSlot,
  status: string,
  o: { trial?: boolean; missingPaymentMethod?: "pause" } = {},
): string {
  const id = m.id("sub");
  const end = m.now + (o.trial ? TRIAL : PERIOD);
  m.put(
    "subscriptions",
    subscriptionObject({
      id,
      customer: slot.id,
      status,
      created: m.now,
      periodStart: m.now,
      periodEnd: end,
      trialEnd: o.trial ? end : null,
      paymentMethod: slot.paymentMethod,
      missingPaymentMethod: o.missingPaymentMethod,
    }),
  );
  m.emit("customer.subscription.created", "subscriptions", id);
  return id;
}

/**
 * Subscription Checkout. `paid`: the card is charged, then an active subscription with a
 * paid first invoice. `trial`: a card is saved (SetupIntent), the subscription is trialing
 * and Stripe issues a $0 paid invoice; the session says `no_payment_required`. `trial-nopm`:
 * payment_method_collection=if_required, no card, and the trial is set to pause when it
 * ends without one (trial_settings.end_behavior.missing_payment_method=pause).
 */
export function checkoutSubscription(
  m: StripeModel,
  slot: CustomerSlot,
  kind: "paid" | "trial" | "trial-nopm",
) {
  ensureCustomer(m, slot);
  const cs = session(m, slot, "subscription", kind === "paid" ? PRICE.amount : 0);
  let setupIntent: string | null = null;
  let pi: string | null = null;
  if (kind === "paid") {
    attachPaymentMethod(m, slot, false);
    pi = createPaymentIntent(m, slot, PRICE.amount);
    chargePaymentIntent(m, slot, pi, "succeeded");
  } else if (kind === "trial") {
    setupIntent = attachPaymentMethod(m, slot, true);
  }
  const trial = kind !== "paid";
  const sub = newSubscription(m, slot, trial ? "trialing" : "active", {
    trial,
    ...(kind === "trial-nopm" && { missingPaymentMethod: "pause" as const }),
  });
  const s = m.get("subscriptions", sub);
  const items = (s.items as { data: { current_period_end: number }[] }).data[0];
  const inv = createInvoice(m, slot, {
    subscription: sub,
    amount: trial ? 0 : PRICE.amount,
    reason: "subscription_create",
    start: m.now,
    end: items.current_period_end,
  });
  finalizeInvoice(m, inv);
  markInvoicePaid(m, inv, pi);
  m.update("checkout_sessions", cs, {
    payment_status: trial ? "no_payment_required" : "paid",
    subscription: sub,
    invoice: inv,
    setup_intent: setupIntent,
  });
  m.emit("checkout.session.completed", "checkout_sessions", cs);
}

/**
 * A subscription created through the API with payment_behavior=default_incomplete whose
 * first payment the customer then fails to confirm: the subscription stays `incomplete`
 * with an open invoice that has one failed attempt and no automatic retry. Stripe expires
 * it 23 hours after creation unless the invoice is paid (changelog 2019-03-14
 * "Subscriptions are now successfully created even if the first payment fails").
 */
export function signupIncomplete(m: StripeModel, slot: CustomerSlot) {
  ensureCustomer(m, slot);
  // The declined card is never saved as the default (it is saved only once a payment succeeds).
  slot.cardOk = false;
  const sub = newSubscription(m, slot, "incomplete");
  const end = m.now + PERIOD;
  const inv = createInvoice(m, slot, {
    subscription: sub,
    amount: PRICE.amount,
    reason: "subscription_create",
    start: m.now,
    end,
  });
  finalizeInvoice(m, inv);
  attemptInvoice(m, slot, inv, false, null);
}

/** Setup-mode Checkout: a card is saved, nothing is paid, no subscription exists. */
export function checkoutSetup(m: StripeModel, slot: CustomerSlot) {
  ensureCustomer(m, slot);
  const cs = session(m, slot, "setup", null);
  const setupIntent = attachPaymentMethod(m, slot, true);
  m.update("checkout_sessions", cs, {
    payment_status: "no_payment_required",
    setup_intent: setupIntent,
  });
  m.emit("checkout.session.completed", "checkout_sessions", cs);
}

/**
 * One-off payment-mode Checkout. A card payment is paid when the session completes; a
 * delayed method (e.g. SEPA Direct Debit) completes the session `unpaid` while the payment
 * is processing, and Stripe later sends checkout.session.async_payment_succeeded or
 * _failed (docs.stripe.com/checkout/fulfillment, "delayed notification payment methods").
 */
export function checkoutPayment(m: StripeModel, slot: CustomerSlot, async: "ok" | "fail" | null) {
  ensureCustomer(m, slot);
  const cs = session(m, slot, "payment", ONE_OFF_AMOUNT);
  if (!slot.paymentMethod) attachPaymentMethod(m, slot, false);
  const pi = createPaymentIntent(m, slot, ONE_OFF_AMOUNT);
  chargePaymentIntent(m, slot, pi, async ? "pending" : "succeeded");
  m.update("checkout_sessions", cs, {
    payment_status: async ? "unpaid" : "paid",
    payment_intent: pi,
  });
  m.emit("checkout.session.completed", "checkout_sessions", cs);
  if (async) m.asyncCheckouts.set(cs, async === "ok");
}

/** The delayed payment of an async Checkout settles, days later. */
export function settleAsyncCheckout(m: StripeModel, cs: string, ok: boolean) {
  const session = m.get("checkout_sessions", cs);
  const slot = m.slotOf(String(session.customer));
  const pi = String(session.payment_intent);
  const charge = String(m.get("payment_intents", pi).latest_charge);
  const status = ok ? "succeeded" : "failed";
  m.update("charges", charge, {
    status,
    paid: ok,
    captured: ok,
    amount_captured: ok ? ONE_OFF_AMOUNT : 0,
    failure_code: ok ? null : "insufficient_funds",
  });
  m.emit(ok ? "charge.succeeded" : "charge.failed", "charges", charge);
  if (ok) {
    m.update("payment_intents", pi, { status: "succeeded", amount_received: ONE_OFF_AMOUNT });
    m.emit("payment_intent.succeeded", "payment_intents", pi);
    slot.paidNonZero = true;
    m.update("checkout_sessions", cs, { payment_status: "paid" });
    m.emit("checkout.session.async_payment_succeeded", "checkout_sessions", cs);
  } else {
    m.update("payment_intents", pi, {
      status: "requires_payment_method",
      last_payment_error: { code: "insufficient_funds" },
    });
    m.emit("payment_intent.payment_failed", "payment_intents", pi);
    m.emit("checkout.session.async_payment_failed", "checkout_sessions", cs);
  }
}
