"use server";

import { z } from "zod";
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { updateAlertRule } from "@/lib/alerts/update-alert-rule";
import { defineAction } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { log } from "@/lib/log";

/** Server action: acknowledge a firing alert (founder). */
export const acknowledgeAlertAction = defineAction({
  permission: "alert.manage",
  schema: z.object({ alertId: z.string().min(1).max(64) }),
  revalidate: ["/", "/alerts"],
  run: async ({ alertId }, actor) => {
    const acknowledged = await acknowledgeAlert(db, alertId, actor.email);
    log.info({ actorId: actor.id, alertId, acknowledged }, "alert acknowledged");
    return { ok: true, message: "Acknowledged" };
  },
});

/** Server action: edit an alert rule's threshold, window, minimum volume or enabled flag (founder). */
export const updateAlertRuleAction = defineAction({
  permission: "alert.manage",
  schema: z
    .object({
      ruleId: z.string().min(1).max(64),
      enabled: z.enum(["on"]).optional(),
      threshold: z.coerce.number().min(0).optional(),
      /** Rates are typed as percentages (2 = 2 %) and stored as ratios (0.02). */
      thresholdPercent: z.coerce.number().min(0).max(100).optional(),
      windowMinutes: z.coerce.number().int().min(0),
      // Only volume rules have the field; absent keeps the rule's minimum.
      minRequests: z.coerce.number().int().min(0).optional(),
    })
    .refine((f) => f.threshold !== undefined || f.thresholdPercent !== undefined, {
      message: "Enter a threshold",
    })
    .transform(({ thresholdPercent, threshold, ...f }) => ({
      ...f,
      threshold: thresholdPercent !== undefined ? thresholdPercent / 100 : threshold!,
    })),
  revalidate: ["/alerts"],
  run: async (form, actor) => {
    await updateAlertRule(db, { ...form, enabled: form.enabled === "on" }, actor.email);
    log.info({ actorId: actor.id, ruleId: form.ruleId }, "alert rule updated");
    return { ok: true, message: "Saved" };
  },
});
