import { applyContactData } from "@/lib/integrations/hubspot/apply-contact-data";
import { contactName, type HubspotEventHandler } from "@/lib/integrations/hubspot/types";

/**
 * contact.creation: HubSpot sends no properties with it, so the email and name come from
 * the contact fetched before the transaction. Without an access token the lead is created
 * with only its contact id.
 */
export const contactCreation: HubspotEventHandler = async (tx, event, ctx) => {
  const { contact } = ctx.prefetch;
  if (contact === null) {
    return { outcome: "ignored", detail: `HubSpot contact ${event.objectId} no longer exists` };
  }
  return applyContactData(
    tx,
    event.objectId,
    contact ? { email: contact.email, name: contactName(contact) } : {},
    ctx,
  );
};
