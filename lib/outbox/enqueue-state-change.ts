import type { Tx } from "@/lib/db";
import { createSyncTasks } from "@/lib/outbox/create-sync-tasks";
import { planSyncTasks, type StateChange, type TaskSpec } from "@/lib/outbox/plan-sync-tasks";

const GOOD_STANDING = new Set(["active", "trial"]);

/** Payment-failure tickets of this customer that have no solve task yet. */
async function unsolvedPaymentTickets(tx: Tx, customerId: string): Promise<TaskSpec[]> {
  const opened = await tx.syncTask.findMany({
    where: {
      customerId,
      action: "support.open_ticket",
      idempotencyKey: { startsWith: "ticket:payment-failed:" },
    },
    select: { idempotencyKey: true, payload: true },
  });
  return opened.map((t) => {
    const { causeId } = t.payload as { causeId: string };
    return {
      target: "support",
      action: "support.solve_ticket",
      idempotencyKey: `ticket-solve:${t.idempotencyKey}`,
      payload: {
        cause: "payment_failed",
        causeId,
        resolution: "The payment was recovered; access is active again.",
      },
    };
  });
}

/**
 * Plans and writes the outbox tasks for one state change, in the caller's transaction:
 * the planned side effects, plus solving payment-failure tickets once the customer is
 * back in good standing. Idempotent: safe to run any number of times for the same event.
 */
export async function enqueueStateChangeTasks(
  tx: Tx,
  change: StateChange,
): Promise<{ id: string; customerId: string }[]> {
  const specs = planSyncTasks(change);
  const recovered =
    GOOD_STANDING.has(change.after.accessStatus) &&
    !!change.before &&
    !GOOD_STANDING.has(change.before.accessStatus);
  if (recovered) specs.push(...(await unsolvedPaymentTickets(tx, change.customerId)));
  const ids = await createSyncTasks(tx, change.customerId, specs, change.cause.correlationId);
  return ids.map((id) => ({ id, customerId: change.customerId }));
}
