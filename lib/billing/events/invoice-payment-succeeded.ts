import { invoiceEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** invoice.payment_succeeded: a payment attempt succeeded (sent alongside invoice.paid). */
export const invoicePaymentSucceeded: StripeEventHandler = (event) => invoiceEffect(event, null);
