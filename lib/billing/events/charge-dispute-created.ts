import { disputeEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** charge.dispute.created: an open dispute blocks access pending review. */
export const chargeDisputeCreated: StripeEventHandler = (event) => disputeEffect(event);
