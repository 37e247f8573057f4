import { customerEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** customer.deleted: the Stripe customer is gone; access ends (Stripe also cancels the subscriptions). */
export const customerDeleted: StripeEventHandler = (event) => customerEffect(event, true);
