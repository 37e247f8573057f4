import { checkBillingDriftFn } from "@/inngest/functions/check-billing-drift";
import { processLedgerEventFn } from "@/inngest/functions/process-ledger-event";
import { reevaluateAccessFn } from "@/inngest/functions/reevaluate-access";

/** Every Inngest function; served by app/api/inngest/route.ts. */
export const functions = [processLedgerEventFn, reevaluateAccessFn, checkBillingDriftFn];
