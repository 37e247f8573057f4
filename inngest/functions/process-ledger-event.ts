import { inngest } from "@/inngest/client";
import { ledgerEventReceived } from "@/inngest/events";
import { workflowHandlers } from "@/lib/workflows/handlers";

/** Applies a ledger event to customer state. Triggered with event id = ledger row id. */
export const processLedgerEventFn = inngest.createFunction(
  {
    id: "process-ledger-event",
    retries: 5,
    triggers: [ledgerEventReceived],
    concurrency: { limit: 10 },
  },
  async ({ event, step }) =>
    step.run("apply-ledger-event", () => workflowHandlers["ledger/event.received"](event.data)),
);
