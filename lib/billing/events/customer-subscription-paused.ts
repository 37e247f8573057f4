import { subscriptionEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** customer.subscription.paused: the subscription is paused (e.g. a trial ended without a payment method). */
export const customerSubscriptionPaused: StripeEventHandler = (event) =>
  subscriptionEffect(event, "paused");
