import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";
import { syncTaskEvent, type WorkflowEvent } from "@/lib/executor/events";
import type { ExceptionActionResult } from "@/lib/exceptions/resolve-exception";
import { retrySyncTask } from "@/lib/sync/retry-sync-task";

/**
 * Retries the dead sync task behind an exception (lib/sync/retry-sync-task.ts puts it back
 * to pending and resolves the exception), audits the retry, and hands the task to the
 * executor. Policy exceptions have no task to retry and are refused.
 * Idempotent: a second retry of the same exception finds the task no longer dead and
 * changes nothing; the task's idempotency key keeps its side effect to one.
 */
export async function retryException(
  db: Db,
  exceptionId: string,
  actor: { id: string; email: string },
  dispatch: (e: WorkflowEvent) => Promise<void>,
): Promise<ExceptionActionResult> {
  const exception = await db.exceptionRecord.findUnique({
    where: { id: exceptionId },
    select: { syncTaskId: true, status: true },
  });
  if (!exception) return { ok: false, error: "Exception not found" };
  if (!exception.syncTaskId) return { ok: false, error: "Only a sync task can be retried" };
  const result = await retrySyncTask(db, exception.syncTaskId, actor);
  if (!result.ok) return result;
  await writeAudit(db, {
    actor: actor.email,
    action: "exception.retry",
    target: exceptionId,
    before: { status: exception.status, syncTask: "dead" },
    after: { status: "resolved", syncTask: "pending" },
  });
  await dispatch(syncTaskEvent(result.task.id, result.task.customerId, `manual-${Date.now()}`));
  return { ok: true };
}
