import { invoiceEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** invoice.payment_failed: a payment attempt failed; the grace period runs from the first failure. */
export const invoicePaymentFailed: StripeEventHandler = (event) =>
  invoiceEffect(event, "payment_failed");
