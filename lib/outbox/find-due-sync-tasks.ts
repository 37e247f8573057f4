import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { syncClaimLeaseSeconds } from "@/lib/outbox/run-sync-task";

/**
 * Tasks that should run now but nobody is running: due retries, enqueues lost between
 * commit and send (crash), and abandoned claims. The reconciler re-drives them.
 */
export async function findDueSyncTasks(
  db: Db,
  opts: { now?: Date; graceSeconds?: number; limit?: number } = {},
) {
  const now = opts.now ?? new Date();
  const dueBefore = new Date(now.getTime() - (opts.graceSeconds ?? 0) * 1000);
  // The same lease the claim uses (lib/workflows/handlers.ts builds the runner's timeouts from env).
  const lease = syncClaimLeaseSeconds({
    timeoutMs: env.SYNC_CALL_TIMEOUT_MS,
    emailTimeoutMs: env.SYNC_EMAIL_TIMEOUT_MS,
  });
  const leaseCutoff = new Date(now.getTime() - lease * 1000);
  return db.syncTask.findMany({
    where: {
      OR: [
        { status: { in: ["pending", "failed"] }, nextAttemptAt: { lte: dueBefore } },
        { status: "running", claimedAt: { lt: leaseCutoff } },
      ],
    },
    select: { id: true, customerId: true, attempts: true },
    orderBy: { nextAttemptAt: "asc" },
    take: opts.limit ?? 500,
  });
}
