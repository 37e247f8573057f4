import { linkLedgerEvent } from "@/lib/integrations/hubspot/apply-contact-data";
import { contactSubject, type HubspotEventHandler } from "@/lib/integrations/hubspot/types";

/**
 * contact.deletion: the customer is kept (billing and support history outlive a CRM
 * cleanup); the event is only linked to the customer so it shows in their history.
 */
export const contactDeletion: HubspotEventHandler = async (tx, event, ctx) => {
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
};
