"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { updateAlertRule } from "@/lib/alerts/update-alert-rule";
import { authorizedAction } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { log } from "@/lib/log";

const ZAck = z.object({ alertId: z.string().min(1).max(64) });

/** Server action: acknowledge a firing alert (founder). */
export const acknowledgeAlertAction = authorizedAction(
  "alert.manage",
  async (actor, formData: FormData) => {
    const { alertId } = ZAck.parse({ alertId: formData.get("alertId") });
    const acknowledged = await acknowledgeAlert(db, alertId, actor.email);
    log.info({ actorId: actor.id, alertId, acknowledged }, "alert acknowledged");
    revalidatePath("/");
    revalidatePath("/alerts");
  },
);

const ZRuleForm = z.object({
  ruleId: z.string().min(1).max(64),
  enabled: z.enum(["on"]).optional(),
  threshold: z.coerce.number().min(0),
  windowMinutes: z.coerce.number().int().min(0),
});

/** Server action: edit an alert rule's threshold, window or enabled flag (founder). */
export const updateAlertRuleAction = authorizedAction(
  "alert.manage",
  async (actor, formData: FormData) => {
    const form = ZRuleForm.parse({
      ruleId: formData.get("ruleId"),
      enabled: formData.get("enabled") ?? undefined,
      threshold: formData.get("threshold"),
      windowMinutes: formData.get("windowMinutes"),
    });
    await updateAlertRule(db, { ...form, enabled: form.enabled === "on" }, actor.email);
    log.info({ actorId: actor.id, ruleId: form.ruleId }, "alert rule updated");
    revalidatePath("/alerts");
  },
);
