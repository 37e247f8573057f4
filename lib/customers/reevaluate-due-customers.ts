import type { Db } from "@/lib/db";
import { recomputeAccess } from "@/lib/customers/recompute-access";

export type ReevaluateResult = {
  checked: number;
  changed: number;
  /** Outbox tasks the changes created, to hand to the executor. */
  syncTasks: { id: string; customerId: string }[];
};

/**
 * Re-evaluates every customer whose access changes by the clock alone (grace period or
 * override expired, paid period ended): their stored `accessReevaluateAt` has passed.
 * Runs from the Inngest cron and the in-process sweep.
 * Idempotent: safe to run any number of times for the same `now`.
 */
export async function reevaluateDueCustomers(
  db: Db,
  now = new Date(),
  limit = 500,
): Promise<ReevaluateResult> {
  const due = await db.customer.findMany({
    where: { accessReevaluateAt: { lte: now } },
    select: { id: true },
    orderBy: { accessReevaluateAt: "asc" },
    take: limit,
  });
  let changed = 0;
  const syncTasks: ReevaluateResult["syncTasks"] = [];
  for (const { id } of due) {
    const result = await db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<
        unknown[]
      >`SELECT 1 FROM "Customer" WHERE "id" = ${id} FOR UPDATE`;
      // Merged away since we listed it: nothing to do.
      if (locked.length === 0) return { changed: false, syncTasks: [] };
      return recomputeAccess(tx, id, { actor: "system:clock" }, now);
    });
    if (result.changed) changed++;
    syncTasks.push(...result.syncTasks);
  }
  return { checked: due.length, changed, syncTasks };
}
