import { subscriptionEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** customer.subscription.created: records the new subscription (trialing, active or incomplete). */
export const customerSubscriptionCreated: StripeEventHandler = (event) => subscriptionEffect(event);
