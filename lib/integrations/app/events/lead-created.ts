import { applyAppUser } from "@/lib/integrations/app/apply-app-user";
import type { AppEventHandler } from "@/lib/integrations/app/types";
import { appUserData } from "@/lib/integrations/app/verify-request";

/** lead.created: the app captured an interested person (waitlist, contact form) before signup. */
export const leadCreated: AppEventHandler = (tx, event, ctx) =>
  applyAppUser(tx, appUserData(event), ctx);
