import { findRequester } from "@/lib/integrations/zendesk/find-requester";
import type { ZendeskEventHandler } from "@/lib/integrations/zendesk/types";

/**
 * Any ticket event (created, status changed, comment added, …; trigger payloads too):
 * attaches the ledger row to the requester's customer so the ticket shows in their
 * history. Tickets change no customer state, so every ticket event type shares this file.
 */
export const ticketEvent: ZendeskEventHandler = async (tx, ticket, ctx) => {
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
