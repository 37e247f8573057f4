import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { SyncTarget } from "@/lib/generated/prisma/enums";
import { retrySyncTask } from "@/lib/outbox/retry-sync-task";

/**
 * Puts this customer's dead or failed tasks for one system (HubSpot, Zendesk, email, app)
 * back to pending with a fresh attempt budget, resolving their exceptions, audited as
 * `customer.sync_retry`; other systems and other customers are left alone. Returns the tasks
 * to hand to the executor. Idempotent: a second call finds nothing failed and is refused
 * with a plain message; each task's idempotency key keeps its side effect to one.
 */
export async function retryCustomerSync(
  db: Db,
  customerId: string,
  target: SyncTarget,
  actor: { id: string; email: string },
): Promise<{ id: string; customerId: string }[]> {
  const failed = await db.syncTask.findMany({
    where: { customerId, target, status: { in: ["dead", "failed"] } },
    select: { id: true },
  });
  const retried: { id: string; customerId: string }[] = [];
  for (const t of failed) {
    const r = await retrySyncTask(db, t.id, actor);
    if (r.ok) retried.push(r.task);
  }
  if (retried.length === 0) throw new DomainError("Nothing failed to retry for this system");
  await writeAudit(db, {
    actor: actor.email,
    action: "customer.sync_retry",
    target: customerId,
    after: { system: target, tasks: retried.length },
  });
  return retried;
}
