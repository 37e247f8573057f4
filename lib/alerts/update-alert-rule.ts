import { z } from "zod";
import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";

export const ZAlertRuleUpdate = z.object({
  ruleId: z.string().min(1),
  enabled: z.boolean(),
  threshold: z.number().min(0).max(1_000_000),
  windowMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
  /** Volume rules only; omitted keeps the rule's current minimum. */
  minRequests: z.number().int().min(0).max(1_000_000).nullable().optional(),
});

export type AlertRuleUpdate = z.infer<typeof ZAlertRuleUpdate>;

/**
 * Saves a founder's edit of a rule, audited (before and after) in the same transaction; the
 * next evaluation uses it (and resolves the rule's open alerts if it was disabled).
 * Idempotent: saving the same values again changes nothing and writes no audit row.
 */
export async function updateAlertRule(db: Db, input: AlertRuleUpdate, actor: string) {
  const { ruleId, ...data } = ZAlertRuleUpdate.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.alertRule.findUniqueOrThrow({
      where: { id: ruleId },
      select: { enabled: true, threshold: true, windowMinutes: true, minRequests: true },
    });
    const updated = await tx.alertRule.update({
      where: { id: ruleId },
      data: { ...data, updatedBy: actor },
    });
    const changed = (Object.keys(before) as (keyof typeof before)[]).some(
      // An omitted minRequests keeps the current one: not a change.
      (k) => data[k] !== undefined && before[k] !== data[k],
    );
    if (changed) {
      await writeAudit(tx, {
        actor,
        action: "alert.rule_update",
        target: `alert_rule:${ruleId}`,
        before,
        after: data,
      });
    }
    return updated;
  });
}
