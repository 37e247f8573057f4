import { subscriptionEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** customer.subscription.deleted: the subscription has ended; access ends with the paid period. */
export const customerSubscriptionDeleted: StripeEventHandler = (event) =>
  subscriptionEffect(event, "canceled");
