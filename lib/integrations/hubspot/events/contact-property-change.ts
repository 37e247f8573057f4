import { applyContactData } from "@/lib/integrations/hubspot/apply-contact-data";
import { contactName, type HubspotEventHandler } from "@/lib/integrations/hubspot/types";

/**
 * contact.propertyChange: an email change carries the new email itself; any other property
 * (firstname, lastname, …) is applied from the contact fetched before the transaction,
 * which is HubSpot's current truth rather than this one change.
 */
export const contactPropertyChange: HubspotEventHandler = async (tx, event, ctx) => {
  if (event.propertyName === "email" && event.propertyValue) {
    return applyContactData(tx, event.objectId, { email: event.propertyValue }, ctx);
  }
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
