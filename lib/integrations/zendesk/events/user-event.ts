import { findRequester } from "@/lib/integrations/zendesk/find-requester";
import { str, type ZendeskEventHandler } from "@/lib/integrations/zendesk/types";

/**
 * Any Zendesk user event (zen:event-type:user.*) carries the user's id and email: link that
 * Zendesk id to the customer with the same email, so later ticket events, which carry only
 * requester_id, find them. Ticket events that arrived before this link (and so matched
 * nobody) are attached now: the final links do not depend on delivery order.
 * Never creates a customer: a support contact is not a lead.
 * Idempotent: safe to run any number of times for the same event.
 */
export const userEvent: ZendeskEventHandler = async (tx, payload, { ledgerEventId }) => {
  const user = { id: str(payload.detail?.id), email: str(payload.detail?.email) };
  const match = await findRequester(tx, { supportUserId: user.id, email: user.email });
  if (!match) return { outcome: "ignored", detail: "no customer matches this Zendesk user" };
  await tx.ledgerEvent.update({
    where: { id: ledgerEventId },
    data: { customerId: match.customer.id },
  });
  const supportUserId = match.customer.supportUserId;
  const attached = supportUserId
    ? await tx.$executeRaw`
        UPDATE "LedgerEvent" SET "customerId" = ${match.customer.id}
         WHERE "source" = 'zendesk' AND "customerId" IS NULL
           AND (("payload"->'detail'->>'requester_id') = ${supportUserId}
                OR ("payload"->'ticket'->>'requester_id') = ${supportUserId})`
    : 0;
  return {
    outcome: "applied",
    customerId: match.customer.id,
    created: false,
    detail: `Zendesk user ${user.id ?? "?"} matched by ${match.matchedBy}; ${attached} earlier ticket event(s) attached`,
  };
};
