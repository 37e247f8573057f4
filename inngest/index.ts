import { evaluateAlertsFn } from "@/inngest/functions/evaluate-alerts";
import { checkBillingDriftFn } from "@/inngest/functions/check-billing-drift";
import { processLedgerEventFn } from "@/inngest/functions/process-ledger-event";
import { reconcileFn } from "@/inngest/functions/reconcile";
import { reevaluateAccessFn } from "@/inngest/functions/reevaluate-access";
import { runSyncTaskFn } from "@/inngest/functions/run-sync-task";

/** Every Inngest function; served by app/api/inngest/route.ts. */
export const functions = [
  processLedgerEventFn,
  runSyncTaskFn,
  reconcileFn,
  reevaluateAccessFn,
  checkBillingDriftFn,
  evaluateAlertsFn,
];
