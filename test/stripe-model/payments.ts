import type { StripeModel } from "./model";
import { chargeObject, paymentIntentObject } from "./objects-payments";
import type { CustomerSlot, Obj } from "./types";

/**
 * Payments: a PaymentIntent and its charge, and an invoice's payment attempts. A failed
 * attempt is counted on the invoice (attempt_count, next_payment_attempt) and remembered as
 * the invoice's first failure; a paid invoice lists its payment (`payments`, an includable
 * field the fake API returns only when expanded, never in webhooks).
 */
/** A PaymentIntent for an amount, created now (payment_intent.created). */
export function createPaymentIntent(m: StripeModel, slot: CustomerSlot, amount: number): string {
  const id = m.id("pi");
  const pi = paymentIntentObject({
    id,
    customer: slot.id,
    amount,
    created: m.now,
    paymentMethod: slot.paymentMethod,
  });
  m.put("payment_intents", pi);
  m.emit("payment_intent.created", "payment_intents", id);
  return id;
}

/** A charge on a PaymentIntent that succeeds or fails; returns the charge id. */
export function chargePaymentIntent(
  m: StripeModel,
  slot: CustomerSlot,
  pi: string,
  outcome: "succeeded" | "failed" | "pending",
): string {
  const amount = Number(m.get("payment_intents", pi).amount);
  const charge = m.id("ch");
  m.put(
    "charges",
    chargeObject({
      id: charge,
      email: slot.email,
      name: slot.name,
      customer: slot.id,
      amount,
      paymentIntent: pi,
      created: m.now,
      status: outcome,
    }),
  );
  if (outcome === "succeeded") {
    m.emit("charge.succeeded", "charges", charge);
    m.update("payment_intents", pi, {
      status: "succeeded",
      amount_received: amount,
      latest_charge: charge,
    });
    m.emit("payment_intent.succeeded", "payment_intents", pi);
    if (amount > 0) slot.paidNonZero = true;
  } else if (outcome === "failed") {
    m.emit("charge.failed", "charges", charge);
    const error = { code: "card_declined", decline_code: "generic_decline", type: "card_error" };
    m.update("payment_intents", pi, { latest_charge: charge, last_payment_error: error });
    m.emit("payment_intent.payment_failed", "payment_intents", pi);
  } else {
    m.emit("charge.pending", "charges", charge);
    m.update("payment_intents", pi, { status: "processing", latest_charge: charge });
    m.emit("payment_intent.processing", "payment_intents", pi);
  }
  return charge;
}

/** Marks an invoice paid by a payment intent (or by nothing, for $0), emitting invoice.paid. */
export function markInvoicePaid(m: StripeModel, id: string, pi: string | null): void {
  const inv = m.get("invoices", id);
  const amount = Number(inv.amount_due);
  m.update("invoices", id, {
    status: "paid",
    amount_paid: amount,
    amount_remaining: 0,
    attempted: pi !== null || Boolean(inv.attempted),
    attempt_count: Number(inv.attempt_count) + (pi ? 1 : 0),
    next_payment_attempt: null,
    status_transitions: { ...(inv.status_transitions as Obj), paid_at: m.now },
    ...(pi && { payments: paymentsList(id, pi, amount) }),
  });
  m.emit("invoice.paid", "invoices", id);
  m.emit("invoice.payment_succeeded", "invoices", id);
}

/**
 * One automatic or customer-initiated payment attempt on an open invoice. A failure counts
 * the attempt, schedules the next one (or none) and emits invoice.payment_failed.
 */
export function attemptInvoice(
  m: StripeModel,
  slot: CustomerSlot,
  id: string,
  ok: boolean,
  nextAttempt: number | null,
): boolean {
  const inv = m.get("invoices", id);
  const amount = Number(inv.amount_due);
  if (amount === 0) {
    markInvoicePaid(m, id, null);
    return true;
  }
  const pi = createPaymentIntent(m, slot, amount);
  chargePaymentIntent(m, slot, pi, ok ? "succeeded" : "failed");
  if (ok) {
    markInvoicePaid(m, id, pi);
    return true;
  }
  slot.firstFailedAt[id] ??= m.now;
  m.update("invoices", id, {
    attempt_count: Number(inv.attempt_count) + 1,
    attempted: true,
    next_payment_attempt: nextAttempt,
    payments: paymentsList(id, pi, 0, "failed"),
  });
  m.emit("invoice.payment_failed", "invoices", id);
  return false;
}

function paymentsList(invoice: string, pi: string, amount: number, status = "paid") {
  return {
    object: "list",
    data: [
      {
        id: `inpay_${pi.slice(3)}`,
        object: "invoice_payment",
        invoice,
        amount_paid: amount,
        status,
        payment: { type: "payment_intent", payment_intent: pi },
      },
    ],
  };
}
