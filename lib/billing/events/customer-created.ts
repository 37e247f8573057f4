import { customerEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** customer.created: links the Stripe customer to the person (by email) and records name and email. */
export const customerCreated: StripeEventHandler = (event) => customerEffect(event, false);
