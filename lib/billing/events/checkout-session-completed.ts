import type Stripe from "stripe";
import { eventTime, idOf, type StripeEventHandler } from "@/lib/billing/types";

/** checkout.session.completed: a paid checkout activates billing; an unpaid (async) one waits. */
export const checkoutSessionCompleted: StripeEventHandler = (event) => {
  const session = event.data.object as Stripe.Checkout.Session;
  if (session.payment_status === "unpaid") {
    return { skip: "checkout completed without payment; waiting for the payment to succeed" };
  }
  return {
    customer: {
      stripeCustomerId: idOf(session.customer),
      email: session.customer_details?.email ?? session.customer_email ?? null,
      name: session.customer_details?.name ?? null,
    },
    facts: { billingStatus: "active", since: eventTime(event) },
  };
};
