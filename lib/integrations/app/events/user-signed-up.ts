import { applyAppUser } from "@/lib/integrations/app/apply-app-user";
import type { AppEventHandler } from "@/lib/integrations/app/types";
import { appUserData } from "@/lib/integrations/app/verify-request";

/** user.signed_up: someone created an account in the app; they are a lead until they pay. */
export const userSignedUp: AppEventHandler = (tx, event, ctx) =>
  applyAppUser(tx, appUserData(event), ctx);
