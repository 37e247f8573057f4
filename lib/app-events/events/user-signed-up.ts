import { applyAppUser } from "@/lib/app-events/apply-app-user";
import type { AppEventHandler } from "@/lib/app-events/types";
import { appUserData } from "@/lib/webhooks/app/verify-app-request";

/** user.signed_up: someone created an account in the app; they are a lead until they pay. */
export const userSignedUp: AppEventHandler = (tx, event, ctx) =>
  applyAppUser(tx, appUserData(event), ctx);
