import type Stripe from "stripe";
import {
  chargeState,
  customerProfile,
  disputeState,
  idOf,
  invoiceState,
  str,
  subscriptionState,
} from "@/lib/billing/stripe-objects";
import { eventTime, type InvoiceFailure, type StripeEffect } from "@/lib/billing/types";

type Skip = { skip: string };
type Obj = Record<string, unknown>;

const objectOf = (event: Stripe.Event) => event.data.object as unknown as Obj;

/** customer.subscription.*: the event carries the whole subscription. */
export function subscriptionEffect(event: Stripe.Event, forceStatus?: string): StripeEffect | Skip {
  const sub = subscriptionState(objectOf(event));
  if (!sub) return { skip: "subscription payload has no id" };
  if (forceStatus) sub.status = forceStatus;
  return {
    customer: { stripeCustomerId: sub.stripeCustomerId, email: null, name: null },
    subscription: sub,
  };
}

/** invoice.*: the invoice's state, whether this event reports a failed attempt, and its subscription. */
export function invoiceEffect(
  event: Stripe.Event,
  failure: InvoiceFailure | null,
): StripeEffect | Skip {
  const invoice = invoiceState(objectOf(event));
  if (!invoice) return { skip: "invoice payload has no id" };
  if (invoice.status === "paid" && !invoice.paidAt) invoice.paidAt = eventTime(event);
  const effect: StripeEffect = {
    customer: {
      stripeCustomerId: invoice.stripeCustomerId,
      email: invoice.email,
      name: invoice.name,
    },
    invoice: { ...invoice, failure },
  };
  if (invoice.stripeSubscriptionId)
    effect.subscriptionRef = {
      id: invoice.stripeSubscriptionId,
      fallback: null,
      paid: invoice.status === "paid",
    };
  return effect;
}

/** customer.*: email, name and deletion of the Stripe customer. */
export function customerEffect(event: Stripe.Event, deleted: boolean): StripeEffect | Skip {
  const profile = customerProfile(objectOf(event));
  if (!profile) return { skip: "customer payload has no id" };
  return {
    customer: {
      stripeCustomerId: profile.stripeCustomerId,
      email: profile.email,
      name: profile.name,
    },
    profile: { ...profile, deleted: deleted || profile.deleted },
  };
}

/** payment_intent.*: links the Stripe customer; money moves through invoice and charge events. */
export function paymentIntentEffect(event: Stripe.Event): StripeEffect | Skip {
  const pi = objectOf(event);
  const stripeCustomerId = idOf(pi.customer);
  const email = str(pi.receipt_email);
  if (!stripeCustomerId && !email) return { skip: "payment intent names no customer" };
  return { customer: { stripeCustomerId, email, name: null } };
}

export function chargeEffect(event: Stripe.Event): StripeEffect | Skip {
  const charge = chargeState(objectOf(event));
  if (!charge) return { skip: "charge payload has no id" };
  const billing = (objectOf(event).billing_details ?? {}) as Obj;
  return {
    customer: {
      stripeCustomerId: charge.stripeCustomerId,
      email: str(billing.email),
      name: str(billing.name),
    },
    charge,
  };
}

/** charge.dispute.*: disputes name a charge, not a customer; the engine finds the customer. */
export function disputeEffect(event: Stripe.Event): StripeEffect | Skip {
  const dispute = disputeState(objectOf(event));
  if (!dispute) return { skip: "dispute payload has no id" };
  return { customer: { stripeCustomerId: null, email: null, name: null }, dispute };
}

/** identity.verification_session.*: the customer comes from related_customer or metadata. */
export function identityEffect(
  event: Stripe.Event,
  status: "verified" | "requires_input",
): StripeEffect | Skip {
  const s = objectOf(event);
  const metadata = (s.metadata ?? {}) as Obj;
  const outputs = (s.verified_outputs ?? s.provided_details ?? {}) as Obj;
  const stripeCustomerId =
    idOf(s.related_customer) ?? str(metadata.stripe_customer_id) ?? str(metadata.customer_id);
  const email = str(outputs.email) ?? str(metadata.email);
  if (!stripeCustomerId && !email) return { skip: "verification session names no customer" };
  return { customer: { stripeCustomerId, email, name: null }, identity: { status } };
}
