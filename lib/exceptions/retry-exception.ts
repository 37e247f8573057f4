import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";
import { syncTaskEvent, type WorkflowEvent } from "@/lib/workflow-events";
import type { ExceptionActionResult } from "@/lib/exceptions/resolve-exception";
import { LEDGER_EVENT_FAILED } from "@/lib/ledger/ledger-retry";
import { replayLedgerEvent } from "@/lib/ledger/replay-ledger-event";
import { retryLedgerEvent } from "@/lib/ledger/retry-ledger-event";
import { UNLINKED_MONEY_EVENT } from "@/lib/exceptions/kinds";
import { retrySyncTask } from "@/lib/outbox/retry-sync-task";

/**
 * Retries what an exception is about, audited: the dead sync task behind it
 * (lib/outbox/retry-sync-task.ts puts it back to pending and resolves the exception), or the
 * ledger event that failed for good (lib/ledger/retry-ledger-event.ts dispatches it again;
 * the exception resolves itself when the event is applied, and is re-opened if it fails
 * again), or a money event no customer could be tied to (replayed: processed again once the
 * key is configured or the person exists; a replay that links it resolves the exception).
 * Policy exceptions and identity conflicts have nothing to retry and are refused.
 * Idempotent: a second retry of the same exception finds the task no longer dead and
 * changes nothing; the task's idempotency key keeps its side effect to one, and a ledger
 * event is applied once whatever the number of dispatches (processing claims the row).
 */
export async function retryException(
  db: Db,
  exceptionId: string,
  actor: { id: string; email: string },
  dispatch: (e: WorkflowEvent) => Promise<void>,
): Promise<ExceptionActionResult> {
  const exception = await db.exceptionRecord.findUnique({
    where: { id: exceptionId },
    select: { syncTaskId: true, ledgerEventId: true, kind: true, status: true },
  });
  if (!exception) return { ok: false, error: "Exception not found" };
  if (exception.kind === LEDGER_EVENT_FAILED && exception.ledgerEventId) {
    if (exception.status !== "open") return { ok: false, error: "Exception is already resolved" };
    const result = await retryLedgerEvent(db, exception.ledgerEventId, actor, dispatch);
    if (!result.ok) return result;
    await writeAudit(db, {
      actor: actor.email,
      action: "exception.retry",
      target: exceptionId,
      before: { status: exception.status, ledgerEvent: "failed" },
      after: { ledgerEvent: "dispatched" },
    });
    return { ok: true };
  }
  if (exception.kind === UNLINKED_MONEY_EVENT && exception.ledgerEventId) {
    if (exception.status !== "open") return { ok: false, error: "Exception is already resolved" };
    const result = await replayLedgerEvent(db, exception.ledgerEventId, actor, dispatch);
    if (!result.ok) return result;
    await writeAudit(db, {
      actor: actor.email,
      action: "exception.retry",
      target: exceptionId,
      before: { status: exception.status, ledgerEvent: result.previousStatus },
      after: { ledgerEvent: "replayed" },
    });
    return { ok: true };
  }
  if (!exception.syncTaskId)
    return { ok: false, error: "Only a sync task or a failed event can be retried" };
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
