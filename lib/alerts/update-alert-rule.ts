import { z } from "zod";
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
 * Saves a founder's edit of a rule; the next evaluation uses it (and resolves the rule's
 * open alerts if it was disabled). Idempotent: saving the same values again changes nothing.
 */
export async function updateAlertRule(db: Db, input: AlertRuleUpdate, actor: string) {
  const { ruleId, ...data } = ZAlertRuleUpdate.parse(input);
  return db.alertRule.update({ where: { id: ruleId }, data: { ...data, updatedBy: actor } });
}
