import { chargeEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** charge.refunded: records the refunded amount; a full refund of the last payment blocks access pending review. */
export const chargeRefunded: StripeEventHandler = (event) => chargeEffect(event);
