import { findRequester } from "@/lib/integrations/zendesk/find-requester";
import {
  str,
  type ZendeskEventHandler,
  type ZendeskPayload,
} from "@/lib/integrations/zendesk/types";

/** The ticket and requester a Zendesk payload names, whichever webhook shape it came in. */
export function ticketRefOf(payload: ZendeskPayload) {
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

/**
 * Any ticket event (created, status changed, comment added, …; trigger payloads too):
 * attaches the ledger row to the requester's customer so the ticket shows in their
 * history. Tickets change no customer state, so every ticket event type shares this file.
 */
export const ticketEvent: ZendeskEventHandler = async (tx, payload, ctx) => {
  const ticket = ticketRefOf(payload);
  const match = await findRequester(tx, {
    supportUserId: ticket.requesterId,
    email: ticket.requesterEmail,
  });
  if (!match) {
    return {
      outcome: "ignored",
      detail: `no customer matches the requester of ticket ${ticket.ticketId ?? "?"}`,
    };
  }
  await tx.ledgerEvent.update({
    where: { id: ctx.ledgerEventId },
    data: { customerId: match.customer.id },
  });
  return {
    outcome: "applied",
    customerId: match.customer.id,
    created: false,
    detail: `ticket ${ticket.ticketId ?? "?"} attached (matched by ${match.matchedBy})`,
  };
};
