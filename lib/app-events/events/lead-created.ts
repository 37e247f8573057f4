import { applyAppUser } from "@/lib/app-events/apply-app-user";
import type { AppEventHandler } from "@/lib/app-events/types";
import { appUserData } from "@/lib/webhooks/app/verify-app-request";

/** lead.created: the app captured an interested person (waitlist, contact form) before signup. */
export const leadCreated: AppEventHandler = (tx, event, ctx) =>
  applyAppUser(tx, appUserData(event), ctx);
