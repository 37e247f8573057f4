import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";

export type AddNoteResult = { ok: true; noteId: string } | { ok: false; error: string };

/**
 * Adds an internal note to a customer and audits it in the same transaction.
 * Not idempotent: each call adds a note (a person writing twice means two notes).
 */
export async function addCustomerNote(
  db: Db,
  customerId: string,
  body: string,
  actor: { email: string },
): Promise<AddNoteResult> {
  const text = body.trim();
  if (!text) return { ok: false, error: "A note cannot be empty" };
  return db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({
      where: { id: customerId },
      select: { id: true },
    });
    if (!customer) return { ok: false as const, error: "Customer not found" };
    const note = await tx.customerNote.create({
      data: { customerId, body: text, author: actor.email },
    });
    await writeAudit(tx, {
      actor: actor.email,
      action: "customer.note",
      target: customerId,
      after: { noteId: note.id, body: text },
    });
    return { ok: true as const, noteId: note.id };
  });
}
