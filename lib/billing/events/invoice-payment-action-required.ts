import { invoiceEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** invoice.payment_action_required: the payment needs the customer (3-D Secure); treated like a failed attempt. */
export const invoicePaymentActionRequired: StripeEventHandler = (event) =>
  invoiceEffect(event, "payment_action_required");
