import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { redactText } from "@/lib/redact";
import { emitAlertSignal } from "@/lib/outbox/alert-signal";

/**
 * Ends a task as `dead` and opens one exception for it (visible in the exceptions queue,
 * retryable by an admin). Idempotent: safe to run any number of times for the same task.
 */
export async function markTaskDead(db: Db, taskId: string, error: string): Promise<void> {
  const message = redactText(error).slice(0, 2000);
  const task = await db.$transaction(async (tx) => {
    const task = await tx.syncTask.update({
      where: { id: taskId },
      data: { status: "dead", lastError: message, claimedAt: null },
    });
    await tx.exceptionRecord.upsert({
      where: { syncTaskId: taskId },
      update: { detail: message, status: "open", resolvedAt: null },
      create: {
        kind: "dead_sync_task",
        title: `${task.action} failed for good`,
        detail: message,
        customerId: task.customerId,
        syncTaskId: task.id,
        correlationId: task.correlationId,
      },
    });
    return task;
  });
  log.warn(
    { taskId, action: task.action, correlationId: task.correlationId, err: message },
    "sync task dead",
  );
  emitAlertSignal({
    kind: "sync_task_dead",
    taskId,
    action: task.action,
    customerId: task.customerId,
    error: message,
  });
}
