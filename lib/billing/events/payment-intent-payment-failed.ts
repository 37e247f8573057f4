import { paymentIntentEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** payment_intent.payment_failed: links the customer; failures that matter for access arrive as invoice.payment_failed. */
export const paymentIntentPaymentFailed: StripeEventHandler = (event) => paymentIntentEffect(event);
