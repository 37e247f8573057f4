import { subscriptionEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** customer.subscription.trial_will_end: three days before a trial ends; refreshes the subscription (access is unchanged). */
export const customerSubscriptionTrialWillEnd: StripeEventHandler = (event) =>
  subscriptionEffect(event);
