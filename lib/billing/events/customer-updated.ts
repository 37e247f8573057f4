import { customerEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** customer.updated: a newer email or name replaces ours; an older one is ignored. */
export const customerUpdated: StripeEventHandler = (event) => customerEffect(event, false);
