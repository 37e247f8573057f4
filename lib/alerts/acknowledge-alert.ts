import type { Db } from "@/lib/db";

/**
 * Marks a firing alert acknowledged by `actor` (it stays open until its condition clears,
 * and is not delivered again). Idempotent: acknowledging an acknowledged or resolved alert
 * changes nothing. Returns whether this call acknowledged it.
 */
export async function acknowledgeAlert(db: Db, alertId: string, actor: string): Promise<boolean> {
  const { count } = await db.alert.updateMany({
    where: { id: alertId, state: "firing" },
    data: { state: "acknowledged", acknowledgedAt: new Date(), acknowledgedBy: actor },
  });
  return count === 1;
}
