/**
 * Maps Stripe API objects (as webhooks carry them and as the API returns them) to the
 * billing state we store. Reads fields defensively: Stripe moved some of them between API
 * versions (e.g. current_period_end onto subscription items, invoice.subscription under
 * invoice.parent), and both shapes occur in practice.
 */
import type { ObjectKind } from "@/lib/integrations/stripe/event-rules";

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj | null => (v && typeof v === "object" ? (v as Obj) : null);
export const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" ? v : null);
const time = (v: unknown): Date | null => (typeof v === "number" ? new Date(v * 1000) : null);

/** The id of an expandable Stripe field (either "cus_…" or { id: "cus_…" }). */
export function idOf(v: unknown): string | null {
  return str(v) ?? str(obj(v)?.id);
}

export type SubscriptionState = {
  stripeSubscriptionId: string;
  stripeCustomerId: string | null;
  status: string;
  priceId: string | null;
  planName: string | null;
  currentPeriodEnd: Date | null;
  trialStart: Date | null;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  endedAt: Date | null;
};

export function subscriptionState(raw: unknown): SubscriptionState | null {
  const s = obj(raw);
  const id = str(s?.id);
  if (!s || !id) return null;
  const item = obj((obj(s.items)?.data as unknown[] | undefined)?.[0]);
  const price = obj(item?.price) ?? obj(obj(s.plan));
  return {
    stripeSubscriptionId: id,
    stripeCustomerId: idOf(s.customer),
    status: str(s.status) ?? "incomplete",
    priceId: str(price?.id),
    planName: str(price?.nickname) ?? str(price?.lookup_key) ?? null,
    currentPeriodEnd: time(s.current_period_end) ?? time(item?.current_period_end),
    trialStart: time(s.trial_start),
    trialEnd: time(s.trial_end),
    cancelAtPeriodEnd: s.cancel_at_period_end === true,
    canceledAt: time(s.canceled_at),
    endedAt: time(s.ended_at),
  };
}

export type InvoiceState = {
  stripeInvoiceId: string;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  email: string | null;
  name: string | null;
  status: string;
  amountDue: number | null;
  amountPaid: number | null;
  currency: string | null;
  stripeCreatedAt: Date | null;
  nextPaymentAttempt: Date | null;
  paidAt: Date | null;
};

export function invoiceState(raw: unknown): InvoiceState | null {
  const i = obj(raw);
  const id = str(i?.id);
  if (!i || !id) return null;
  const parentSub = obj(obj(i.parent)?.subscription_details)?.subscription;
  return {
    stripeInvoiceId: id,
    stripeCustomerId: idOf(i.customer),
    stripeSubscriptionId: idOf(i.subscription) ?? idOf(parentSub),
    email: str(i.customer_email),
    name: str(i.customer_name),
    status: str(i.status) ?? "open",
    amountDue: num(i.amount_due),
    amountPaid: num(i.amount_paid),
    currency: str(i.currency),
    stripeCreatedAt: time(i.created),
    nextPaymentAttempt: time(i.next_payment_attempt),
    paidAt: time(obj(i.status_transitions)?.paid_at),
  };
}

export type ChargeState = {
  stripeChargeId: string;
  stripeCustomerId: string | null;
  stripeInvoiceId: string | null;
  amount: number;
  amountRefunded: number;
  currency: string | null;
  stripeCreatedAt: Date | null;
};

export function chargeState(raw: unknown): ChargeState | null {
  const c = obj(raw);
  const id = str(c?.id);
  if (!c || !id) return null;
  return {
    stripeChargeId: id,
    stripeCustomerId: idOf(c.customer),
    stripeInvoiceId: idOf(c.invoice),
    amount: num(c.amount) ?? 0,
    amountRefunded: num(c.amount_refunded) ?? 0,
    currency: str(c.currency),
    stripeCreatedAt: time(c.created),
  };
}

export type DisputeState = {
  stripeDisputeId: string;
  stripeChargeId: string | null;
  status: string;
  amount: number | null;
  currency: string | null;
  reason: string | null;
  stripeCreatedAt: Date | null;
};

export function disputeState(raw: unknown): DisputeState | null {
  const d = obj(raw);
  const id = str(d?.id);
  if (!d || !id) return null;
  return {
    stripeDisputeId: id,
    stripeChargeId: idOf(d.charge),
    status: str(d.status) ?? "needs_response",
    amount: num(d.amount),
    currency: str(d.currency),
    reason: str(d.reason),
    stripeCreatedAt: time(d.created),
  };
}

export type CustomerProfile = {
  stripeCustomerId: string;
  email: string | null;
  name: string | null;
  deleted: boolean;
};

export function customerProfile(raw: unknown): CustomerProfile | null {
  const c = obj(raw);
  const id = str(c?.id);
  if (!c || !id) return null;
  return {
    stripeCustomerId: id,
    email: str(c.email),
    name: str(c.name),
    deleted: c.deleted === true,
  };
}

export type CheckoutSessionState = {
  id: string;
  stripeCustomerId: string | null;
  email: string | null;
  name: string | null;
  /** payment | subscription | setup */
  mode: string;
  /** paid | unpaid | no_payment_required */
  paymentStatus: string;
  subscriptionId: string | null;
  invoiceId: string | null;
  amountTotal: number | null;
  currency: string | null;
};

export function checkoutSessionState(raw: unknown): CheckoutSessionState | null {
  const s = obj(raw);
  const id = str(s?.id);
  if (!s || !id) return null;
  const details = obj(s.customer_details);
  return {
    id,
    stripeCustomerId: idOf(s.customer),
    email: str(details?.email) ?? str(s.customer_email),
    name: str(details?.name),
    mode: str(s.mode) ?? "payment",
    paymentStatus: str(s.payment_status) ?? "unpaid",
    subscriptionId: idOf(s.subscription),
    invoiceId: idOf(s.invoice),
    amountTotal: num(s.amount_total),
    currency: str(s.currency),
  };
}

/** The object an event's `data.object` carries, as a plain record (or null). */
export function payloadObject(event: { data?: { object?: unknown } }): Obj | null {
  return obj(event.data?.object);
}

/** One Stripe object in the shape we store, tagged with its kind. */
export type ObjectState =
  | { kind: "customer"; state: CustomerProfile }
  | { kind: "subscription"; state: SubscriptionState }
  | { kind: "invoice"; state: InvoiceState }
  | { kind: "charge"; state: ChargeState }
  | { kind: "dispute"; state: DisputeState }
  | { kind: "checkout_session"; state: CheckoutSessionState };

export type ObjectRef = { kind: ObjectKind; id: string };
