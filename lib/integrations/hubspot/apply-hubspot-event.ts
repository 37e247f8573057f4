import type { Tx } from "@/lib/db";
import {
  linkLedgerEvent,
  mergeLeadFields,
  type LeadFields,
} from "@/lib/customers/merge-lead-fields";
import {
  fetchHubspotContact,
  hubspotApiConfigured,
  type HubspotContact,
} from "@/lib/integrations/hubspot/client";
import { ZHubspotEvent, type HubspotEvent } from "@/lib/integrations/hubspot/verify-request";
import type { InboundOutcome } from "@/lib/ledger/inbound-outcome";
import type { LedgerHandler } from "@/lib/ledger/ledger-handler";

/**
 * What was read before the transaction (network calls never run while a database
 * transaction is open): the event, and the contact as HubSpot has it now, null when it no
 * longer exists, or undefined when nothing was fetched.
 */
export type HubspotRead = { event: HubspotEvent; contact?: HubspotContact | null };

type Ctx = { ledgerEventId: string; occurredAt: Date; contact?: HubspotContact | null };

type HubspotEventRule = {
  /** Whether the event needs the contact fetched from HubSpot's API to be applied. */
  needsContact(event: HubspotEvent): boolean;
  apply(tx: Tx, event: HubspotEvent, ctx: Ctx): Promise<InboundOutcome>;
};

function contactSubject(objectId: string): string {
  return `hubspot:contact:${objectId}`;
}

function applyContactData(tx: Tx, event: HubspotEvent, data: LeadFields, ctx: Ctx) {
  const lead = {
    source: "hubspot",
    subject: contactSubject(event.objectId),
    id: { crmContactId: event.objectId },
    label: "HubSpot",
    whenStale: "find",
  } as const;
  return mergeLeadFields(tx, lead, data, ctx);
}

/** HubSpot's current truth about the contact, fetched before the transaction. Without an access token the lead gets only its contact id. */
async function applyFetchedContact(tx: Tx, event: HubspotEvent, ctx: Ctx) {
  const { contact } = ctx;
  if (contact === null) {
    return {
      outcome: "ignored",
      detail: `HubSpot contact ${event.objectId} no longer exists`,
    } as const;
  }
  const name = contact && ([contact.firstname, contact.lastname].filter(Boolean).join(" ") || null);
  return applyContactData(tx, event, contact ? { email: contact.email, name } : {}, ctx);
}

/** An email change carries the new email itself; other changes are read from the contact. */
const carriesEmail = (e: HubspotEvent) => e.propertyName === "email" && Boolean(e.propertyValue);

/**
 * Every HubSpot subscription type we handle; anything else is recorded and ignored.
 * contact.creation carries no properties, so the contact is fetched; a deletion keeps the
 * customer (billing and support history outlive a CRM cleanup) and only links the event.
 */
const HUBSPOT_EVENTS: Record<string, HubspotEventRule> = {
  "contact.creation": { needsContact: () => true, apply: applyFetchedContact },
  "contact.propertyChange": {
    needsContact: (e) => !carriesEmail(e),
    apply: (tx, e, ctx) =>
      carriesEmail(e)
        ? applyContactData(tx, e, { email: e.propertyValue }, ctx)
        : applyFetchedContact(tx, e, ctx),
  },
  "contact.deletion": {
    needsContact: () => false,
    async apply(tx, event, ctx) {
      const customer = await tx.customer.findUnique({ where: { crmContactId: event.objectId } });
      if (!customer) {
        return { outcome: "ignored", detail: `no customer has HubSpot contact ${event.objectId}` };
      }
      await linkLedgerEvent(tx, ctx.ledgerEventId, customer.id);
      return {
        outcome: "applied",
        customerId: customer.id,
        created: false,
        detail: "contact deleted in HubSpot; the customer is kept",
        subject: contactSubject(event.objectId),
        fields: [],
      };
    },
  },
};

const ruleOf = (type: string) =>
  Object.hasOwn(HUBSPOT_EVENTS, type) ? HUBSPOT_EVENTS[type] : undefined;

/**
 * Applies verified HubSpot events (one ledger row per element of a batch). `read` fetches
 * the contact when the event lacks its email (and an access token is configured), throwing
 * HubspotApiError on 5xx/429/timeouts so the executor retries the event later.
 * Idempotent: safe to run any number of times for the same event; an event older than
 * the newest applied one for the same contact changes none of the fields that one set.
 */
export const hubspotLedgerHandler: LedgerHandler<HubspotRead, InboundOutcome> = {
  async read(_db, row) {
    const event = ZHubspotEvent.parse(row.payload);
    if (!ruleOf(event.subscriptionType)?.needsContact(event) || !hubspotApiConfigured()) {
      return { event };
    }
    return { event, contact: await fetchHubspotContact(event.objectId) };
  },
  async apply(tx, row, { event, contact }) {
    const rule = ruleOf(event.subscriptionType);
    if (!rule) {
      return { outcome: "ignored", detail: `event type ${event.subscriptionType} is not handled` };
    }
    return rule.apply(tx, event, { ledgerEventId: row.id, occurredAt: row.occurredAt, contact });
  },
};
