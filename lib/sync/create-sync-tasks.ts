import type { Tx } from "@/lib/customers/tx";
import type { TaskSpec } from "@/lib/sync/plan-sync-tasks";

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
  return created.map((t) => t.id);
}
