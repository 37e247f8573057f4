/** Shared types of the Stripe model (see model.ts). */
export type Obj = Record<string, unknown>;

/** The collections the model keeps, named as in the fake Stripe API. */
export type ModelCollection =
  | "customers"
  | "subscriptions"
  | "invoices"
  | "charges"
  | "payment_intents"
  | "setup_intents"
  | "checkout_sessions"
  | "disputes"
  | "refunds";

/** A Stripe event as delivered to a webhook endpoint (API version 2025-10-29.clover). */
export type ModelEvent = {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
  data: { object: Obj; previous_attributes?: Obj };
};

/** An emitted event with what the harness and checker need to know about it. */
export type Emitted = {
  event: ModelEvent;
  /** The Stripe customer the event is about. */
  customer: string;
  /** Index of the scenario operation during which Stripe emitted it. */
  op: number;
};

/**
 * The account's "Manage failed payments" settings (Dashboard → Billing → Revenue recovery):
 * how many attempts Smart Retries makes, and what happens to the subscription and its
 * invoice when they are exhausted. Chosen per scenario by the seed.
 */
export type AccountSettings = {
  maxAttempts: number;
  onExhausted: "cancel" | "unpaid" | "past_due";
  markUncollectibleOnExhausted: boolean;
};

/** What the model knows about each Stripe customer beyond Stripe's objects. */
export type CustomerSlot = {
  index: number;
  id: string;
  email: string;
  name: string;
  /** Index of the slot whose email this one reuses (a second Stripe customer, same email). */
  dupOf: number | null;
  /** When Stripe created the customer (model clock), null before its first operation. */
  created: number | null;
  /** Whether the default payment method pays (a hidden fact: cards expire without events). */
  cardOk: boolean;
  paymentMethod: string | null;
  /** Ever paid a non-zero amount that succeeded (refunds and disputes do not undo this). */
  paidNonZero: boolean;
  /** First failed payment attempt per invoice (model clock, seconds). */
  firstFailedAt: Record<string, number>;
  /** Latest refund per charge (model clock, seconds). */
  refundedAt: Record<string, number>;
};
