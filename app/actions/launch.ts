"use server";

import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { launchConfig } from "@/lib/launch/config";
import { groupOfCheck, runLaunchChecks } from "@/lib/launch/registry";
import { recordSecretRotation, ZRotationInput } from "@/lib/launch/rotation";
import {
  addUptimeTarget,
  removeUptimeTarget,
  updateLaunchSettings,
  ZLaunchSettingsInput,
  ZUptimeTargetInput,
} from "@/lib/launch/settings";
import { log } from "@/lib/log";

const PATHS = ["/launch"];

/** Server action: re-run every launch check ("all") or the group behind one check (admin, founder). */
export const rerunLaunchChecksAction = defineAction({
  permission: "launch.run",
  schema: z.object({ scope: z.string().min(1).max(300) }),
  revalidate: PATHS,
  run: async ({ scope }, actor) => {
    let groups: string[] | undefined;
    if (scope !== "all") {
      const group = await groupOfCheck(db, scope);
      if (!group) throw new DomainError("That check no longer exists; re-run all checks instead");
      groups = [group];
    }
    const summary = await runLaunchChecks(db, launchConfig(), { groups });
    log.info({ actorId: actor.id, scope, ...summary }, "launch checks re-run");
    return {
      ok: true,
      message: `Checked ${summary.checks} item(s): ${summary.failing} failing`,
    };
  },
});

/** Server action: save the domains, production URL and DKIM selectors to check (audited). */
export const saveLaunchSettingsAction = defineAction({
  permission: "launch.manage",
  schema: ZLaunchSettingsInput,
  revalidate: PATHS,
  run: async (input, actor) => {
    await updateLaunchSettings(db, input, actor.email);
    return { ok: true, message: "Saved. Re-run the checks to see the new results." };
  },
});

/** Server action: watch one more URL every minute (audited). */
export const addUptimeTargetAction = defineAction({
  permission: "launch.manage",
  schema: ZUptimeTargetInput,
  revalidate: PATHS,
  run: async (input, actor) => {
    await addUptimeTarget(db, input, actor.email);
    return { ok: true, message: "Watching it: the first check runs within a minute." };
  },
});

/** Server action: stop watching a URL (audited). */
export const removeUptimeTargetAction = defineAction({
  permission: "launch.manage",
  schema: z.object({ targetId: z.string().min(1).max(64) }),
  revalidate: PATHS,
  run: async ({ targetId }, actor) => {
    await removeUptimeTarget(db, targetId, actor.email);
    return { ok: true, message: "No longer watched" };
  },
});

/** Server action: record the date a secret was rotated and who owns it (audited). */
export const recordSecretRotationAction = defineAction({
  permission: "launch.manage",
  schema: ZRotationInput,
  revalidate: PATHS,
  run: async (input, actor) => {
    await recordSecretRotation(db, input, actor.email);
    await runLaunchChecks(db, launchConfig(), { groups: ["secrets"] });
    return { ok: true, message: `Recorded: ${input.name} rotated ${input.rotatedAt}` };
  },
});
