import type { Tx } from "@/lib/db";
import { ticketEvent } from "@/lib/integrations/zendesk/events/ticket-event";
import { userEvent } from "@/lib/integrations/zendesk/events/user-event";
import type { ZendeskTicketRef } from "@/lib/integrations/zendesk/types";
import type { InboundOutcome } from "@/lib/ledger/inbound-outcome";
import { ZENDESK_TRIGGER_TYPE } from "@/lib/integrations/zendesk/verify-request";

type Payload = {
  subject?: unknown;
  detail?: { id?: unknown; requester_id?: unknown; email?: unknown };
  ticket?: { id?: unknown; requester_id?: unknown; requester_email?: unknown };
};

const str = (v: unknown) =>
  typeof v === "string" && v ? v : typeof v === "number" ? String(v) : null;

/** Reads the ticket and requester from an event-based or a trigger payload. */
export function ticketRefOf(payload: Payload): ZendeskTicketRef {
  if (payload.ticket) {
    return {
      ticketId: str(payload.ticket.id),
      requesterId: str(payload.ticket.requester_id),
      requesterEmail: str(payload.ticket.requester_email),
    };
  }
  return {
    ticketId: str(payload.detail?.id),
    requesterId: str(payload.detail?.requester_id),
    requesterEmail: null,
  };
}

function isTicketEvent(type: string, payload: Payload): boolean {
  return (
    type.startsWith("zen:event-type:ticket.") ||
    type === ZENDESK_TRIGGER_TYPE ||
    Boolean(payload.ticket)
  );
}

/**
 * Applies one verified Zendesk event inside the caller's transaction: ticket events are
 * attached to the requester's customer, user events link the Zendesk user id to the
 * customer with their email; other event types are recorded and ignored.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyZendeskEvent(
  tx: Tx,
  type: string,
  payload: unknown,
  ledgerEventId: string,
): Promise<InboundOutcome> {
  const p = (payload ?? {}) as Payload;
  if (type.startsWith("zen:event-type:user.")) {
    return userEvent(tx, { id: str(p.detail?.id), email: str(p.detail?.email) }, ledgerEventId);
  }
  if (!isTicketEvent(type, p)) {
    return { outcome: "ignored", detail: `event type ${type} is not handled` };
  }
  return ticketEvent(tx, ticketRefOf(p), { ledgerEventId, type });
}
