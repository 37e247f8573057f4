import type { Tx } from "@/lib/db";
import { contactCreation } from "@/lib/integrations/hubspot/events/contact-creation";
import { contactDeletion } from "@/lib/integrations/hubspot/events/contact-deletion";
import { contactPropertyChange } from "@/lib/integrations/hubspot/events/contact-property-change";
import { fetchHubspotContact, hubspotApiConfigured } from "@/lib/integrations/hubspot/client";
import type { HubspotEventHandler, HubspotPrefetch } from "@/lib/integrations/hubspot/types";
import type { InboundOutcome } from "@/lib/ledger/inbound-outcome";
import type { HubspotEvent } from "@/lib/integrations/hubspot/verify-request";

const handlers: Record<string, HubspotEventHandler> = {
  "contact.creation": contactCreation,
  "contact.propertyChange": contactPropertyChange,
  "contact.deletion": contactDeletion,
};

function needsContact(event: HubspotEvent): boolean {
  if (event.subscriptionType === "contact.creation") return true;
  if (event.subscriptionType !== "contact.propertyChange") return false;
  return !(event.propertyName === "email" && event.propertyValue);
}

/**
 * Network reads an event needs, done before the processing transaction opens: the contact
 * when the event lacks its email (and an access token is configured). Throws HubspotApiError
 * on 5xx/429/timeouts so the executor retries the event later.
 */
export async function prefetchHubspotEvent(event: HubspotEvent): Promise<HubspotPrefetch> {
  if (!needsContact(event) || !hubspotApiConfigured()) return {};
  return { contact: await fetchHubspotContact(event.objectId) };
}

/**
 * Applies one verified HubSpot event (one element of a batch) inside the caller's transaction.
 * Idempotent: safe to run any number of times for the same event; an event older than
 * the newest applied one for the same contact changes none of the fields that one set.
 */
export async function applyHubspotEvent(
  tx: Tx,
  event: HubspotEvent,
  ctx: { ledgerEventId: string; occurredAt: Date; prefetch: HubspotPrefetch },
): Promise<InboundOutcome> {
  const handler = handlers[event.subscriptionType];
  if (!handler) {
    return { outcome: "ignored", detail: `event type ${event.subscriptionType} is not handled` };
  }
  return handler(tx, event, ctx);
}
