import type { Db } from "@/lib/db";
import { syncTaskEvent, type WorkflowEvent } from "@/lib/workflow-events";
import { findPendingLedgerEvents } from "@/lib/jobs/resume-pending";
import { log } from "@/lib/log";
import { findDueSyncTasks } from "@/lib/outbox/find-due-sync-tasks";
import { findAbandonedImport } from "@/lib/reconcile/import-stripe-customers";

/**
 * Re-drives lost or abandoned work through `dispatch`: ledger rows never handed off, due or
 * stuck sync tasks, and a Stripe import whose process died (it resumes from its cursor).
 * Returns how many events it handed off; throws if a hand-off failed.
 * Idempotent: safe to run any number of times (processing each event is).
 */
export async function redriveLostWork(
  db: Db,
  opts: { ledgerOlderThanSeconds: number; syncGraceSeconds: number },
  dispatch: (event: WorkflowEvent) => Promise<void>,
): Promise<number> {
  const ledger = await findPendingLedgerEvents(db, opts.ledgerOlderThanSeconds);
  const tasks = await findDueSyncTasks(db, { graceSeconds: opts.syncGraceSeconds });
  const events: WorkflowEvent[] = [
    ...ledger,
    ...tasks.map((t) => syncTaskEvent(t.id, t.customerId, `reconcile-${t.attempts}`)),
  ];
  const stalled = await findAbandonedImport(db, {
    queuedGraceMs: opts.ledgerOlderThanSeconds * 1000,
  });
  // One event id per stalled state: repeated sweeps of the same state are one Inngest run.
  if (stalled)
    events.push({
      name: "billing/import.requested",
      id: `${stalled.id}:resume-${stalled.updatedAt.getTime()}`,
      data: { jobId: stalled.id },
    });
  for (const e of events) await dispatch(e);
  if (events.length)
    log.info(
      { ledger: ledger.length, syncTasks: tasks.length, stripeImport: stalled?.id },
      "reconciled pending work",
    );
  return events.length;
}
