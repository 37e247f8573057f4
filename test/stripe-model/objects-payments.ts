import { DAY, PRICE } from "./objects";
import type { Obj } from "./types";

/**
 * Stripe's payment objects in the shape of API version 2025-10-29.clover: payment intents,
 * charges (no `invoice` since 2025-03-31.basil), Checkout Sessions, SetupIntents, disputes
 * and refunds.
 */
export function paymentIntentObject(o: {
  id: string;
  customer: string;
  amount: number;
  created: number;
  paymentMethod: string | null;
}) {
  return {
    id: o.id,
    object: "payment_intent",
    amount: o.amount,
    amount_received: 0,
    currency: PRICE.currency,
    customer: o.customer,
    created: o.created,
    status: "requires_payment_method",
    latest_charge: null as string | null,
    last_payment_error: null as Obj | null,
    payment_method: o.paymentMethod,
    payment_method_types: ["card"],
    livemode: false,
  };
}

export function chargeObject(o: {
  id: string;
  customer: string;
  email: string;
  name: string;
  amount: number;
  paymentIntent: string;
  created: number;
  status: "succeeded" | "failed" | "pending";
}) {
  const succeeded = o.status === "succeeded";
  return {
    id: o.id,
    object: "charge",
    customer: o.customer,
    amount: o.amount,
    amount_captured: succeeded ? o.amount : 0,
    amount_refunded: 0,
    refunded: false,
    captured: succeeded,
    paid: succeeded,
    disputed: false,
    status: o.status,
    failure_code: o.status === "failed" ? "card_declined" : null,
    failure_message: o.status === "failed" ? "Your card was declined." : null,
    outcome: { type: o.status === "failed" ? "issuer_declined" : "authorized" },
    payment_intent: o.paymentIntent,
    currency: PRICE.currency,
    created: o.created,
    billing_details: { email: o.email, name: o.name },
    livemode: false,
  };
}

export function checkoutSessionObject(o: {
  id: string;
  customer: string;
  email: string;
  name: string;
  mode: "subscription" | "payment" | "setup";
  created: number;
  amountTotal: number | null;
}) {
  return {
    id: o.id,
    object: "checkout.session",
    mode: o.mode,
    status: "complete",
    payment_status: "unpaid",
    customer: o.customer,
    customer_email: null,
    customer_details: { email: o.email, name: o.name },
    subscription: null as string | null,
    invoice: null as string | null,
    payment_intent: null as string | null,
    setup_intent: null as string | null,
    amount_subtotal: o.amountTotal,
    amount_total: o.amountTotal,
    currency: o.amountTotal === null ? null : PRICE.currency,
    created: o.created,
    expires_at: o.created + DAY,
    livemode: false,
    metadata: {},
  };
}

export function setupIntentObject(o: {
  id: string;
  customer: string;
  pm: string;
  created: number;
}) {
  return {
    id: o.id,
    object: "setup_intent",
    customer: o.customer,
    payment_method: o.pm,
    status: "succeeded",
    usage: "off_session",
    created: o.created,
    livemode: false,
  };
}

export function disputeObject(o: {
  id: string;
  charge: string;
  paymentIntent: string;
  amount: number;
  created: number;
}) {
  return {
    id: o.id,
    object: "dispute",
    amount: o.amount,
    charge: o.charge,
    payment_intent: o.paymentIntent,
    currency: PRICE.currency,
    reason: "fraudulent",
    status: "needs_response",
    created: o.created,
    is_charge_refundable: false,
    evidence_details: { due_by: o.created + 7 * DAY, has_evidence: false, submission_count: 0 },
    balance_transactions: [],
    livemode: false,
  };
}

export function refundObject(o: {
  id: string;
  charge: string;
  paymentIntent: string;
  amount: number;
  created: number;
}) {
  return {
    id: o.id,
    object: "refund",
    amount: o.amount,
    charge: o.charge,
    payment_intent: o.paymentIntent,
    currency: PRICE.currency,
    reason: "requested_by_customer",
    status: "succeeded",
    created: o.created,
  };
}
