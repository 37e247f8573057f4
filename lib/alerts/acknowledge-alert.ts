import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";

/**
 * Marks a firing alert acknowledged by `actor` (it stays open until its condition clears,
 * and is not delivered again), audited in the same transaction. Idempotent: acknowledging
 * an acknowledged or resolved alert changes nothing and writes no audit row. Returns
 * whether this call acknowledged it.
 */
export async function acknowledgeAlert(db: Db, alertId: string, actor: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.alert.updateMany({
      where: { id: alertId, state: "firing" },
      data: { state: "acknowledged", acknowledgedAt: new Date(), acknowledgedBy: actor },
    });
    if (count === 1) {
      await writeAudit(tx, {
        actor,
        action: "alert.acknowledge",
        target: `alert:${alertId}`,
        before: { state: "firing" },
        after: { state: "acknowledged" },
      });
    }
    return count === 1;
  });
}
