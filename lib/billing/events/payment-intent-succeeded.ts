import { paymentIntentEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** payment_intent.succeeded: links the customer; the money itself is carried by invoice and checkout events. */
export const paymentIntentSucceeded: StripeEventHandler = (event) => paymentIntentEffect(event);
