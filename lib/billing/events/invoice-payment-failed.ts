import type Stripe from "stripe";
import { eventTime, idOf, type StripeEventHandler } from "@/lib/billing/types";

/** invoice.payment_failed: billing is past due; access follows the grace policy, never active. */
export const invoicePaymentFailed: StripeEventHandler = (event) => {
  const invoice = event.data.object as Stripe.Invoice;
  return {
    customer: {
      stripeCustomerId: idOf(invoice.customer),
      email: invoice.customer_email ?? null,
      name: invoice.customer_name ?? null,
    },
    facts: {
      billingStatus: "past_due",
      since: eventTime(event),
      failedInvoice: {
        id: invoice.id ?? "unknown",
        amountDue: invoice.amount_due ?? null,
        currency: invoice.currency ?? null,
        nextAttemptAt: invoice.next_payment_attempt
          ? new Date(invoice.next_payment_attempt * 1000)
          : null,
      },
    },
  };
};
