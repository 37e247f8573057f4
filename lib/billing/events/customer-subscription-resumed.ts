import { subscriptionEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** customer.subscription.resumed: a paused subscription runs again; its status comes from the payload. */
export const customerSubscriptionResumed: StripeEventHandler = (event) => subscriptionEffect(event);
