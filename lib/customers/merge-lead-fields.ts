import type { Tx } from "@/lib/db";
import { upsertLead } from "@/lib/customers/upsert-lead";
import type { InboundOutcome } from "@/lib/ledger/inbound-outcome";
import { fieldsWrittenByNewerEvents, lockSubject } from "@/lib/ledger/newer-applied-event";

export type LeadFields = { email?: string | null; name?: string | null };

/** Who the event is about, in the terms of the system that sent it. */
export type LeadSubject = {
  source: "hubspot" | "app";
  /** The ledger subject newer events are looked up by, e.g. `hubspot:contact:601`. */
  subject: string;
  /** The id this system gives the person. */
  id: { crmContactId: string } | { appUserId: string };
  /** How a stale result names the system ("a newer HubSpot event already set …"). */
  label: string;
  /**
   * When a newer event already wrote every field this one knows: `find` only links the
   * ledger row to the record holding the id (HubSpot), `upsert` still makes sure the lead
   * exists first (app). Kept as each integration did it before the two copies were merged.
   */
  whenStale: "find" | "upsert";
};

const FIELDS = ["email", "name"] as const;

export async function linkLedgerEvent(tx: Tx, ledgerEventId: string, customerId: string) {
  await tx.ledgerEvent.update({ where: { id: ledgerEventId }, data: { customerId } });
}

/**
 * Newest field wins: creates or updates the lead for `lead` with the fields this event
 * knows, skipping each field that a newer event (by the provider's time) about the same
 * subject already wrote, since events arrive out of order. Links the ledger row to the
 * customer; the result records the subject and the fields written so later, older events
 * can find them.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function mergeLeadFields(
  tx: Tx,
  lead: LeadSubject,
  data: LeadFields,
  ctx: { ledgerEventId: string; occurredAt: Date },
): Promise<InboundOutcome> {
  const { source, subject } = lead;
  await lockSubject(tx, subject);
  const known = FIELDS.filter((f) => data[f]);
  const newer = await fieldsWrittenByNewerEvents(
    tx,
    { source, subject, occurredAt: ctx.occurredAt, excludeId: ctx.ledgerEventId },
    [...known],
  );
  const fresh = known.filter((f) => !newer.has(f));
  const stale = known.length > 0 && fresh.length === 0;
  const staleDetail = `a newer ${lead.label} event already set ${known.join(" and ")}`;

  if (stale && lead.whenStale === "find") {
    const customer = await tx.customer.findUnique({ where: lead.id });
    if (customer) await linkLedgerEvent(tx, ctx.ledgerEventId, customer.id);
    return { outcome: "stale", customerId: customer?.id ?? null, detail: staleDetail, subject };
  }

  const { customer, created, changed, conflicts } = await upsertLead(
    tx,
    {
      ...lead.id,
      email: fresh.includes("email") ? data.email : undefined,
      name: fresh.includes("name") ? data.name : undefined,
    },
    ctx.occurredAt,
  );
  await linkLedgerEvent(tx, ctx.ledgerEventId, customer.id);
  if (stale) return { outcome: "stale", customerId: customer.id, detail: staleDetail, subject };

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
