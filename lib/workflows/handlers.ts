import { db } from "@/lib/db";
import type { WorkflowHandlers } from "@/lib/executor/in-process";
import { processLedgerEvent } from "@/lib/workflows/process-ledger-event";

/** The workflow code behind each event, shared by the Inngest functions and the in-process executor. */
export const workflowHandlers: WorkflowHandlers = {
  "ledger/event.received": ({ ledgerEventId }) => processLedgerEvent(db, ledgerEventId),
};
