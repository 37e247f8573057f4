import type { Tx } from "@/lib/db";
import type { AppEventContext } from "@/lib/integrations/app/apply-app-user";
import { leadCreated } from "@/lib/integrations/app/events/lead-created";
import { userSignedUp } from "@/lib/integrations/app/events/user-signed-up";
import { userUpdated } from "@/lib/integrations/app/events/user-updated";
import type { AppEventHandler } from "@/lib/integrations/app/types";
import type { InboundOutcome } from "@/lib/ledger/inbound-outcome";
import type { AppEvent, AppEventType } from "@/lib/integrations/app/verify-request";

const handlers: Record<AppEventType, AppEventHandler> = {
  "user.signed_up": userSignedUp,
  "lead.created": leadCreated,
  "user.updated": userUpdated,
};

/**
 * Applies one verified product-app event inside the caller's transaction.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyAppEvent(
  tx: Tx,
  event: AppEvent,
  ctx: AppEventContext,
): Promise<InboundOutcome> {
  const handler = handlers[event.type as AppEventType];
  if (!handler) return { outcome: "ignored", detail: `event type ${event.type} is not handled` };
  return handler(tx, event, ctx);
}
