import type Stripe from "stripe";
import type { BillingFacts } from "@/lib/customers/access-policy";

export type StripeCustomerRef = {
  stripeCustomerId: string | null;
  email: string | null;
  name: string | null;
};

/** What one Stripe event says about one customer's billing, extracted without I/O. */
export type BillingChange = { customer: StripeCustomerRef; facts: BillingFacts };

/** A handler either describes a billing change or says why the event changes nothing. */
export type StripeEventHandler = (event: Stripe.Event) => BillingChange | { skip: string };

export function idOf(ref: string | { id: string } | null | undefined): string | null {
  if (!ref) return null;
  return typeof ref === "string" ? ref : ref.id;
}

export function eventTime(event: Stripe.Event): Date {
  return new Date(event.created * 1000);
}
