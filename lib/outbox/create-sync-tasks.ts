import type { Tx } from "@/lib/db";
import type { TaskSpec } from "@/lib/outbox/plan-sync-tasks";
import { REFUSED_PREFIX } from "@/lib/integrations/connector/refusal";

/**
 * Writes planned side effects into the outbox inside the caller's transaction and returns
 * the ids of the tasks that are new. Idempotent: safe to run any number of times for the
 * same event (a task whose idempotency key exists is not created again).
 */
export async function createSyncTasks(
  tx: Tx,
  customerId: string,
  specs: TaskSpec[],
  correlationId: string,
): Promise<string[]> {
  if (specs.length === 0) return [];
  const created = await tx.syncTask.createManyAndReturn({
    data: specs.map((s) => ({
      customerId,
      target: s.target,
      action: s.action,
      idempotencyKey: s.idempotencyKey,
      payload: s.payload,
      correlationId,
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  // A task refused earlier (e.g. a welcome email while access was not active) whose cause
  // is planned again runs again, now that the state may allow it. Only a key that already
  // existed (not created just now: the key is unique) can be such a task.
  if (created.length === specs.length) return created.map((t) => t.id);
  const keys = specs.map((s) => s.idempotencyKey);
  const rearmed = await tx.syncTask.updateManyAndReturn({
    where: {
      idempotencyKey: { in: keys },
      status: "skipped",
      lastError: { startsWith: REFUSED_PREFIX },
    },
    data: { status: "pending", nextAttemptAt: new Date(), attempts: 0, lastError: null },
    select: { id: true },
  });
  return [...created, ...rearmed].map((t) => t.id);
}
