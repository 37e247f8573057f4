import type { Tx } from "@/lib/db";
import type { InboundOutcome } from "@/lib/ledger/inbound-outcome";

/** The ticket and requester a Zendesk payload names, whichever webhook shape it came in. */
export type ZendeskTicketRef = {
  ticketId: string | null;
  requesterId: string | null;
  requesterEmail: string | null;
};

export type ZendeskEventHandler = (
  tx: Tx,
  ticket: ZendeskTicketRef,
  ctx: { ledgerEventId: string; type: string },
) => Promise<InboundOutcome>;
