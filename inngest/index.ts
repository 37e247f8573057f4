import { processLedgerEventFn } from "@/inngest/functions/process-ledger-event";

/** Every Inngest function; served by app/api/inngest/route.ts. */
export const functions = [processLedgerEventFn];
