import { disputeEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** charge.dispute.closed: a won dispute lifts the block; a lost one keeps it. */
export const chargeDisputeClosed: StripeEventHandler = (event) => disputeEffect(event);
