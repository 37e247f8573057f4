import type { Db } from "@/lib/db";
import { syncTaskEvent, type WorkflowEvent } from "@/lib/workflow-events";
import { findPendingLedgerEvents } from "@/lib/jobs/resume-pending";
import { log } from "@/lib/log";
import { findDueSyncTasks } from "@/lib/outbox/find-due-sync-tasks";

/**
 * Re-drives lost or abandoned work through `dispatch`: ledger rows never handed off, due or
 * stuck sync tasks. Returns how many events it handed off; throws if a hand-off failed.
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
  for (const e of events) await dispatch(e);
  if (events.length)
    log.info({ ledger: ledger.length, syncTasks: tasks.length }, "reconciled pending work");
  return events.length;
}
