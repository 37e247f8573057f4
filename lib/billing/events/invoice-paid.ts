import { invoiceEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** invoice.paid: the invoice is paid; a failed payment is thereby recovered. */
export const invoicePaid: StripeEventHandler = (event) => invoiceEffect(event, null);
