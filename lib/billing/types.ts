import type Stripe from "stripe";
import type {
  ChargeState,
  CustomerProfile,
  DisputeState,
  InvoiceState,
  SubscriptionState,
} from "@/lib/billing/stripe-objects";

export { idOf } from "@/lib/billing/stripe-objects";

export type StripeCustomerRef = {
  stripeCustomerId: string | null;
  email: string | null;
  name: string | null;
};

export type InvoiceFailure = "payment_failed" | "payment_action_required" | "uncollectible";

/**
 * What one Stripe event says, extracted without I/O: who it is about and the new state of
 * each Stripe object it carries. The engine applies each object only if it is newer.
 */
export type StripeEffect = {
  customer: StripeCustomerRef;
  profile?: CustomerProfile;
  subscription?: SubscriptionState;
  /** A subscription the payload names but does not describe: fetched from Stripe when possible. */
  subscriptionRef?: { id: string; fallback: SubscriptionState | null; paid?: boolean };
  invoice?: InvoiceState & { failure: InvoiceFailure | null };
  charge?: ChargeState;
  dispute?: DisputeState;
  identity?: { status: "verified" | "requires_input" };
};

/** A handler either describes the event's effect or says why the event changes nothing. */
export type StripeEventHandler = (event: Stripe.Event) => StripeEffect | { skip: string };

export function eventTime(event: Stripe.Event): Date {
  return new Date(event.created * 1000);
}
