import { subscriptionEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** customer.subscription.updated: the subscription's new status, plan, period and cancellation; never applied over newer state. */
export const customerSubscriptionUpdated: StripeEventHandler = (event) => subscriptionEffect(event);
