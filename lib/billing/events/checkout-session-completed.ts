import type Stripe from "stripe";
import { idOf, str } from "@/lib/billing/stripe-objects";
import { eventTime, type StripeEventHandler } from "@/lib/billing/types";

/**
 * checkout.session.completed: links the Stripe customer to the person. A subscription
 * checkout names its subscription, which is fetched from Stripe (or, without an API key,
 * assumed active when paid, trialing when no payment was required); a one-off paid checkout
 * counts as a paid invoice. An unpaid (asynchronous) checkout waits for its payment event.
 */
export const checkoutSessionCompleted: StripeEventHandler = (event) => {
  const session = event.data.object as Stripe.Checkout.Session;
  if (session.payment_status === "unpaid") {
    return { skip: "checkout completed without payment; waiting for the payment to succeed" };
  }
  const stripeCustomerId = idOf(session.customer);
  const customer = {
    stripeCustomerId,
    email: session.customer_details?.email ?? session.customer_email ?? null,
    name: session.customer_details?.name ?? null,
  };
  const at = eventTime(event);
  const subscriptionId = idOf(session.subscription);
  if (subscriptionId) {
    const status = session.payment_status === "paid" ? "active" : "trialing";
    const fallback = {
      stripeSubscriptionId: subscriptionId,
      stripeCustomerId,
      status,
      priceId: null,
      planName: null,
      currentPeriodEnd: null,
      trialStart: status === "trialing" ? at : null,
      trialEnd: null,
      cancelAtPeriodEnd: false,
      canceledAt: null,
      endedAt: null,
    };
    return { customer, subscriptionRef: { id: subscriptionId, fallback } };
  }
  return {
    customer,
    invoice: {
      stripeInvoiceId: str(idOf(session.invoice)) ?? `checkout:${session.id}`,
      stripeCustomerId,
      stripeSubscriptionId: null,
      email: customer.email,
      name: customer.name,
      status: "paid",
      amountDue: session.amount_total ?? null,
      amountPaid: session.amount_total ?? null,
      currency: session.currency ?? null,
      stripeCreatedAt: at,
      nextPaymentAttempt: null,
      paidAt: at,
      failure: null,
    },
  };
};
