import { inngest } from "@/inngest/client";
import { db } from "@/lib/db";
import { reevaluateDueCustomers } from "@/lib/customers/reevaluate-due-customers";

/** Every 10 minutes: customers whose access changes with the clock (grace, override expiry, period end). */
export const reevaluateAccessFn = inngest.createFunction(
  {
    id: "reevaluate-access",
    retries: 3,
    triggers: [{ cron: "*/10 * * * *" }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => step.run("reevaluate-due-customers", () => reevaluateDueCustomers(db)),
);
