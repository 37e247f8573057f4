import { writeAudit } from "@/lib/audit/write-audit";
import { IDENTITY_CONFLICT } from "@/lib/customers/identity-conflict";
import type { Db } from "@/lib/db";
import type { ExceptionActionResult } from "@/lib/exceptions/resolve-exception";

/**
 * An admin's answer "they are different people" to an open identity_conflict: resolves it
 * with the actor's note, audited. The two records stay apart, and raiseIdentityConflict
 * never raises the same pair again.
 * Idempotent: resolving an already resolved conflict changes nothing and writes no audit row.
 */
export async function keepCustomersSeparate(
  db: Db,
  exceptionId: string,
  note: string | null,
  actor: { id: string; email: string },
): Promise<ExceptionActionResult> {
  return db.$transaction(async (tx) => {
    const x = await tx.exceptionRecord.findUnique({ where: { id: exceptionId } });
    if (!x || x.kind !== IDENTITY_CONFLICT) return { ok: false, error: "Conflict not found" };
    const resolutionNote = note?.trim() || `Kept apart by ${actor.email}: different people`;
    const updated = await tx.exceptionRecord.updateMany({
      where: { id: exceptionId, status: "open" },
      data: { status: "resolved", resolvedAt: new Date(), resolvedById: actor.id, resolutionNote },
    });
    if (updated.count === 0) return { ok: false, error: "This conflict is already resolved" };
    await writeAudit(tx, {
      actor: actor.email,
      action: "customer.keep_separate",
      target: exceptionId,
      before: { status: "open", customers: [x.customerId, x.pairCustomerId] },
      after: { status: "resolved", note: resolutionNote },
    });
    return { ok: true };
  });
}
