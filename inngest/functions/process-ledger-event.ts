import { inngest } from "@/inngest/client";
import { ledgerEventReceived } from "@/inngest/events";
import { syncTaskEvent } from "@/lib/jobs/events";
import { workflows } from "@/lib/workflows/handlers";

/** Applies a ledger event to customer state, then hands its outbox tasks to run-sync-task. */
export const processLedgerEventFn = inngest.createFunction(
  {
    id: "process-ledger-event",
    retries: 5,
    triggers: [ledgerEventReceived],
    // One customer's events one at a time (ordering-key.ts); ten in all.
    concurrency: [{ limit: 10 }, { key: "event.data.orderingKey", limit: 1 }],
  },
  async ({ event, step }) => {
    const result = await step.run("apply-ledger-event", () =>
      workflows.processLedgerEvent(event.data.ledgerEventId),
    );
    if (result.syncTasks.length > 0) {
      await step.sendEvent(
        "enqueue-sync-tasks",
        result.syncTasks.map((t) => syncTaskEvent(t.id, t.customerId)),
      );
    }
    return result;
  },
);
