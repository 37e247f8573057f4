import type { Tx } from "@/lib/db";
import { contactSubject, type HubspotEventContext } from "@/lib/integrations/hubspot/types";
import { upsertLead } from "@/lib/customers/upsert-lead";
import { fieldsWrittenByNewerEvents, lockSubject } from "@/lib/ledger/newer-applied-event";
import type { InboundOutcome } from "@/lib/ledger/inbound-outcome";

export type ContactData = { email?: string | null; name?: string | null };
type Field = keyof ContactData;

/**
 * Creates or updates the lead for a HubSpot contact with the fields this event knows,
 * skipping each field that a newer event about the same contact already wrote (events
 * arrive out of order; HubSpot's `occurredAt` decides). Links the ledger row to the customer.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyContactData(
  tx: Tx,
  objectId: string,
  data: ContactData,
  ctx: HubspotEventContext,
): Promise<InboundOutcome> {
  const subject = contactSubject(objectId);
  await lockSubject(tx, subject);
  const known = (Object.keys(data) as Field[]).filter((f) => data[f]);
  const newer = await fieldsWrittenByNewerEvents(
    tx,
    { source: "hubspot", subject, occurredAt: ctx.occurredAt, excludeId: ctx.ledgerEventId },
    known,
  );
  const fresh = known.filter((f) => !newer.has(f));

  if (known.length > 0 && fresh.length === 0) {
    const customer = await tx.customer.findUnique({ where: { crmContactId: objectId } });
    if (customer) await linkLedgerEvent(tx, ctx.ledgerEventId, customer.id);
    return {
      outcome: "stale",
      customerId: customer?.id ?? null,
      detail: `a newer HubSpot event already set ${known.join(" and ")}`,
      subject,
    };
  }

  const { customer, created, changed, conflicts } = await upsertLead(
    tx,
    {
      crmContactId: objectId,
      email: fresh.includes("email") ? data.email : undefined,
      name: fresh.includes("name") ? data.name : undefined,
    },
    ctx.occurredAt,
  );
  await linkLedgerEvent(tx, ctx.ledgerEventId, customer.id);
  const notes = [
    changed.length ? `set ${changed.join(", ")}` : "no change",
    ...[...newer].map((f) => `kept newer ${f}`),
    ...conflicts,
  ];
  return {
    outcome: "applied",
    customerId: customer.id,
    created,
    detail: notes.join("; "),
    subject,
    fields: fresh,
  };
}

export async function linkLedgerEvent(tx: Tx, ledgerEventId: string, customerId: string) {
  await tx.ledgerEvent.update({ where: { id: ledgerEventId }, data: { customerId } });
}
