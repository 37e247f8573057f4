import type { Tx } from "@/lib/db";
import { upsertLead } from "@/lib/customers/upsert-lead";
import { fieldsWrittenByNewerEvents, lockSubject } from "@/lib/ledger/newer-applied-event";
import type { InboundOutcome } from "@/lib/ledger/inbound-outcome";

export type AppUser = { userId: string; email?: string | null; name?: string | null };
export type AppEventContext = { ledgerEventId: string; occurredAt: Date };

/**
 * Creates or updates the lead for a product-app user, skipping each field (email, name)
 * that a newer app event about the same user already wrote. Links the ledger row.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyAppUser(
  tx: Tx,
  user: AppUser,
  ctx: AppEventContext,
): Promise<InboundOutcome> {
  const subject = `app:user:${user.userId}`;
  await lockSubject(tx, subject);
  const known = (["email", "name"] as const).filter((f) => user[f]);
  const newer = await fieldsWrittenByNewerEvents(
    tx,
    { source: "app", subject, occurredAt: ctx.occurredAt, excludeId: ctx.ledgerEventId },
    [...known],
  );
  const fresh = known.filter((f) => !newer.has(f));
  const { customer, created, changed, conflicts } = await upsertLead(
    tx,
    {
      appUserId: user.userId,
      email: fresh.includes("email") ? user.email : undefined,
      name: fresh.includes("name") ? user.name : undefined,
    },
    ctx.occurredAt,
  );
  await tx.ledgerEvent.update({
    where: { id: ctx.ledgerEventId },
    data: { customerId: customer.id },
  });
  if (known.length > 0 && fresh.length === 0) {
    return {
      outcome: "stale",
      customerId: customer.id,
      detail: `a newer app event already set ${known.join(" and ")}`,
      subject,
    };
  }
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
