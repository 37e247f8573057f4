import type Stripe from "stripe";
import { eventTime, idOf, type StripeEventHandler } from "@/lib/billing/types";

/** invoice.paid: the customer has paid; billing is active. */
export const invoicePaid: StripeEventHandler = (event) => {
  const invoice = event.data.object as Stripe.Invoice;
  return {
    customer: {
      stripeCustomerId: idOf(invoice.customer),
      email: invoice.customer_email ?? null,
      name: invoice.customer_name ?? null,
    },
    facts: { billingStatus: "active", since: eventTime(event) },
  };
};
