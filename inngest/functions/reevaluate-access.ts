import { inngest } from "@/inngest/client";
import { db } from "@/lib/db";
import { reevaluateDueCustomers } from "@/lib/customers/reevaluate-due-customers";
import { syncTaskEvent } from "@/lib/jobs/events";

/** Every 10 minutes: customers whose access changes with the clock (grace, override expiry, period end). */
export const reevaluateAccessFn = inngest.createFunction(
  {
    id: "reevaluate-access",
    retries: 3,
    triggers: [{ cron: "*/10 * * * *" }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const result = await step.run("reevaluate-due-customers", () => reevaluateDueCustomers(db));
    if (result.syncTasks.length > 0) {
      await step.sendEvent(
        "enqueue-sync-tasks",
        result.syncTasks.map((t) => syncTaskEvent(t.id, t.customerId)),
      );
    }
    return { checked: result.checked, changed: result.changed };
  },
);
