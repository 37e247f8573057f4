import type Stripe from "stripe";
import { eventTime, idOf, type StripeEventHandler } from "@/lib/billing/types";

/** customer.subscription.deleted: the subscription has ended; billing and access are canceled. */
export const customerSubscriptionDeleted: StripeEventHandler = (event) => {
  const sub = event.data.object as Stripe.Subscription;
  const endedAt = sub.ended_at ?? sub.canceled_at;
  return {
    customer: { stripeCustomerId: idOf(sub.customer), email: null, name: null },
    facts: {
      billingStatus: "canceled",
      since: endedAt ? new Date(endedAt * 1000) : eventTime(event),
    },
  };
};
