import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";
import type { ExceptionActionResult } from "@/lib/exceptions/resolve-exception";

/**
 * Assigns an exception to a user (or unassigns it with null), audited.
 * Idempotent: assigning to the current assignee changes nothing and writes no audit row.
 */
export async function assignException(
  db: Db,
  exceptionId: string,
  assigneeId: string | null,
  actor: { email: string },
): Promise<ExceptionActionResult> {
  return db.$transaction(async (tx) => {
    const before = await tx.exceptionRecord.findUnique({
      where: { id: exceptionId },
      select: { assignedToId: true },
    });
    if (!before) return { ok: false, error: "Exception not found" };
    if (before.assignedToId === assigneeId) return { ok: true };
    if (assigneeId) {
      const user = await tx.user.findUnique({ where: { id: assigneeId }, select: { id: true } });
      if (!user) return { ok: false, error: "No such user" };
    }
    await tx.exceptionRecord.update({
      where: { id: exceptionId },
      data: { assignedToId: assigneeId },
    });
    await writeAudit(tx, {
      actor: actor.email,
      action: "exception.assign",
      target: exceptionId,
      before: { assignedToId: before.assignedToId },
      after: { assignedToId: assigneeId },
    });
    return { ok: true };
  });
}
