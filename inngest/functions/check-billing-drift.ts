import { inngest } from "@/inngest/client";
import { runScheduledDriftCheck } from "@/lib/reconcile/run-scheduled-drift-check";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

/** Daily: compare billing with Stripe and repair differences through the event path. */
export const checkBillingDriftFn = inngest.createFunction(
  {
    id: "check-billing-drift",
    retries: 2,
    triggers: [{ cron: "17 4 * * *" }],
    concurrency: { limit: 1 },
  },
  async ({ step }) =>
    step.run("check-drift", () => runScheduledDriftCheck(db, env.DRIFT_CHECK_INTERVAL_HOURS / 2)),
);
