import { stripeClient } from "@/lib/integrations/stripe/client";
import { checkDrift } from "@/lib/reconcile/check-drift";
import type { Db } from "@/lib/db";

/**
 * The scheduled drift check: skipped when Stripe is not configured or when a check already
 * ran within `intervalHours` (so the in-process timer and restarts do not pile up runs).
 * Idempotent: safe to run any number of times; at most one check per interval.
 */
export async function runScheduledDriftCheck(
  db: Db,
  intervalHours: number,
  now = new Date(),
): Promise<{ ran: boolean; jobId?: string }> {
  if (!stripeClient()) return { ran: false };
  const since = new Date(now.getTime() - intervalHours * 3600_000);
  const recent = await db.stripeSyncJob.findFirst({
    where: { kind: "drift", startedAt: { gt: since } },
    select: { id: true },
  });
  if (recent) return { ran: false };
  const job = await checkDrift(db, { actor: "system:schedule" });
  return { ran: true, jobId: job.id };
}
