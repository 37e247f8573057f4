import { applyAppUser } from "@/lib/app-events/apply-app-user";
import type { AppEventHandler } from "@/lib/app-events/types";
import { appUserData } from "@/lib/webhooks/app/verify-app-request";

/**
 * user.updated: the user changed their email or name in the app. Applied to leads only
 * (upsertLead never rewrites a paying customer's identity), and never over newer data.
 */
export const userUpdated: AppEventHandler = (tx, event, ctx) =>
  applyAppUser(tx, appUserData(event), ctx);
