import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";

export type ExceptionActionResult = { ok: true } | { ok: false; error: string };

/**
 * Resolves an open exception with the person's note, audited.
 * Idempotent: resolving an already resolved exception changes nothing and writes no audit row.
 */
export async function resolveException(
  db: Db,
  exceptionId: string,
  note: string,
  actor: { id: string; email: string },
): Promise<ExceptionActionResult> {
  return db.$transaction(async (tx) => {
    const before = await tx.exceptionRecord.findUnique({ where: { id: exceptionId } });
    if (!before) return { ok: false, error: "Exception not found" };
    const updated = await tx.exceptionRecord.updateMany({
      where: { id: exceptionId, status: "open" },
      data: {
        status: "resolved",
        resolvedAt: new Date(),
        resolvedById: actor.id,
        resolutionNote: note,
      },
    });
    if (updated.count === 0) return { ok: false, error: "Exception is already resolved" };
    await writeAudit(tx, {
      actor: actor.email,
      action: "exception.resolve",
      target: exceptionId,
      before: { status: before.status },
      after: { status: "resolved", note },
    });
    return { ok: true };
  });
}
