import { applyAppUser } from "@/lib/integrations/app/apply-app-user";
import type { AppEventHandler } from "@/lib/integrations/app/types";
import { appUserData } from "@/lib/integrations/app/verify-request";

/**
 * user.updated: the user changed their email or name in the app. Applied to leads only
 * (upsertLead never rewrites a paying customer's identity), and never over newer data.
 */
export const userUpdated: AppEventHandler = (tx, event, ctx) =>
  applyAppUser(tx, appUserData(event), ctx);
