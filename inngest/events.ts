import { eventType, staticSchema } from "inngest";
import type { WorkflowEvents } from "@/lib/jobs/events";

export const ledgerEventReceived = eventType("ledger/event.received", {
  schema: staticSchema<WorkflowEvents["ledger/event.received"]>(),
});

export const syncTaskCreated = eventType("sync/task.created", {
  schema: staticSchema<WorkflowEvents["sync/task.created"]>(),
});
