import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { reconcileOnce } from "@/lib/jobs/dispatch";

/**
 * Every minute: re-drive ledger events whose hand-off was lost and sync tasks that stayed
 * pending past their next attempt time (e.g. a crash between commit and send).
 */
export const reconcileFn = inngest.createFunction(
  { id: "reconcile-sync-tasks", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ step }) =>
    step.run("reconcile", () =>
      reconcileOnce({ ledgerOlderThanSeconds: 60, syncGraceSeconds: 60 }),
    ),
);
