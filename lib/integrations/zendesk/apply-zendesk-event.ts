import { ticketEvent } from "@/lib/integrations/zendesk/events/ticket-event";
import { userEvent } from "@/lib/integrations/zendesk/events/user-event";
import type { ZendeskEventHandler, ZendeskPayload } from "@/lib/integrations/zendesk/types";
import { ZENDESK_TRIGGER_TYPE } from "@/lib/integrations/zendesk/verify-request";
import type { InboundOutcome } from "@/lib/ledger/inbound-outcome";
import type { LedgerHandler } from "@/lib/ledger/ledger-handler";

/**
 * Zendesk event types are open-ended (every ticket change has its own), so the table maps
 * type families, first match wins: user events link the Zendesk user id to the customer with
 * their email; ticket events (and trigger payloads, which carry a `ticket`) are attached to
 * the requester's customer. Anything else is recorded and ignored.
 */
const ZENDESK_EVENTS: {
  matches(type: string, p: ZendeskPayload): boolean;
  apply: ZendeskEventHandler;
}[] = [
  { matches: (type) => type.startsWith("zen:event-type:user."), apply: userEvent },
  {
    matches: (type, p) =>
      type.startsWith("zen:event-type:ticket.") ||
      type === ZENDESK_TRIGGER_TYPE ||
      Boolean(p.ticket),
    apply: ticketEvent,
  },
];

/**
 * Applies verified Zendesk events; nothing is read from Zendesk beforehand.
 * Idempotent: safe to run any number of times for the same event.
 */
export const zendeskLedgerHandler: LedgerHandler<null, InboundOutcome> = {
  read: async () => null,
  async apply(tx, row) {
    const payload = (row.payload ?? {}) as ZendeskPayload;
    const rule = ZENDESK_EVENTS.find((r) => r.matches(row.type, payload));
    if (!rule) return { outcome: "ignored", detail: `event type ${row.type} is not handled` };
    return rule.apply(tx, payload, { ledgerEventId: row.id, type: row.type });
  },
};
