import type { Db } from "@/lib/db";

export type RetryTaskResult =
  { ok: true; task: { id: string; customerId: string } } | { ok: false; error: string };

/**
 * Puts a dead (or failed) task back to `pending`, due now, with a fresh attempt budget,
 * and resolves its exception with the actor's note. Idempotent: safe to run any number of
 * times for the same task (a task already pending, running or done is left alone).
 */
export async function retrySyncTask(
  db: Db,
  taskId: string,
  actor: { id: string; email: string },
): Promise<RetryTaskResult> {
  return db.$transaction(async (tx) => {
    const updated = await tx.syncTask.updateMany({
      where: { id: taskId, status: { in: ["dead", "failed"] } },
      data: { status: "pending", nextAttemptAt: new Date(), attempts: 0, claimedAt: null },
    });
    const task = await tx.syncTask.findUnique({
      where: { id: taskId },
      select: { id: true, customerId: true, status: true },
    });
    if (!task) return { ok: false, error: "Task not found" };
    if (updated.count === 0)
      return {
        ok: false,
        error: `Task is ${task.status}; only dead or failed tasks can be retried`,
      };
    await tx.exceptionRecord.updateMany({
      where: { syncTaskId: taskId, status: "open" },
      data: {
        status: "resolved",
        resolvedAt: new Date(),
        resolvedById: actor.id,
        resolutionNote: `Retried by ${actor.email}`,
      },
    });
    return { ok: true, task: { id: task.id, customerId: task.customerId } };
  });
}
