import type { Tx } from "@/lib/db";
import { mergeLeadFields } from "@/lib/customers/merge-lead-fields";
import {
  appUserData,
  type AppEvent,
  type AppEventType,
} from "@/lib/integrations/app/verify-request";
import type { InboundOutcome } from "@/lib/ledger/inbound-outcome";
import type { LedgerHandler } from "@/lib/ledger/ledger-handler";

type AppEventHandler = (
  tx: Tx,
  event: AppEvent,
  ctx: { ledgerEventId: string; occurredAt: Date },
) => Promise<InboundOutcome>;

/** Creates or updates the user's lead, never over fields a newer app event already wrote. */
const applyAppUser: AppEventHandler = (tx, event, ctx) => {
  const { userId, email, name } = appUserData(event);
  const lead = {
    source: "app",
    subject: `app:user:${userId}`,
    id: { appUserId: userId },
    label: "app",
    whenStale: "upsert",
  } as const;
  return mergeLeadFields(tx, lead, { email, name }, ctx);
};

/** Every product-app event type (the webhook accepts only these) and what applies it. */
const APP_EVENTS: Record<AppEventType, AppEventHandler> = {
  // Someone created an account in the app; they are a lead until they pay.
  "user.signed_up": applyAppUser,
  // The app captured an interested person (waitlist, contact form) before signup.
  "lead.created": applyAppUser,
  // The user changed their email or name: applied to leads only (upsertLead never
  // rewrites a paying customer's identity), and never over newer data.
  "user.updated": applyAppUser,
};

/**
 * Applies verified product-app events; nothing is read from the app beforehand.
 * Idempotent: safe to run any number of times for the same event.
 */
export const appLedgerHandler: LedgerHandler<null, InboundOutcome> = {
  read: async () => null,
  async apply(tx, row) {
    const event = row.payload as unknown as AppEvent;
    if (!Object.hasOwn(APP_EVENTS, event.type)) {
      return { outcome: "ignored", detail: `event type ${event.type} is not handled` };
    }
    const ctx = { ledgerEventId: row.id, occurredAt: row.occurredAt };
    return APP_EVENTS[event.type as AppEventType](tx, event, ctx);
  },
};
