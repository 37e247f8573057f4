import type { Tx } from "@/lib/db";
import type { HubspotContact } from "@/lib/integrations/hubspot/client";
import type { InboundOutcome } from "@/lib/ledger/inbound-outcome";
import type { HubspotEvent } from "@/lib/integrations/hubspot/verify-request";

/**
 * What was read from HubSpot's API before the transaction (network calls never run while
 * a database transaction is open): the contact as HubSpot has it now, null when it no
 * longer exists, or undefined when nothing was fetched.
 */
export type HubspotPrefetch = { contact?: HubspotContact | null };

export type HubspotEventContext = {
  ledgerEventId: string;
  occurredAt: Date;
  prefetch: HubspotPrefetch;
};

export type HubspotEventHandler = (
  tx: Tx,
  event: HubspotEvent,
  ctx: HubspotEventContext,
) => Promise<InboundOutcome>;

export function contactSubject(objectId: string): string {
  return `hubspot:contact:${objectId}`;
}

export function contactName(contact: HubspotContact): string | null {
  return [contact.firstname, contact.lastname].filter(Boolean).join(" ") || null;
}
