import { invoiceEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** invoice.marked_uncollectible: Stripe gave up collecting the invoice; counts as a failed payment. */
export const invoiceMarkedUncollectible: StripeEventHandler = (event) =>
  invoiceEffect(event, "uncollectible");
