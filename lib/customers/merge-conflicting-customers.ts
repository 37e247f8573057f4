import { writeAudit } from "@/lib/audit/write-audit";
import { IDENTITY_CONFLICT } from "@/lib/customers/identity-conflict";
import { mergeCustomers } from "@/lib/customers/merge-customers";
import { recomputeAccess } from "@/lib/customers/recompute-access";
import type { Db } from "@/lib/db";
import { syncTaskEvent, type WorkflowEvent } from "@/lib/workflow-events";
import { log } from "@/lib/log";

export type MergeConflictResult = { ok: true; survivorId: string } | { ok: false; error: string };

/**
 * An admin's answer "they are the same person" to an open identity_conflict: the record
 * kept apart is merged into the one that held the identity first (mergeCustomers: history,
 * outbox and exceptions move; the kept-apart record's Stripe customer id and other ids
 * become aliases, so the survivor answers for both from then on), access is recomputed,
 * the exception is resolved by the actor, and both are audited. Four-eyes is not needed:
 * nothing leaves the company and every part is in the audit log. Side effects the new
 * state calls for are handed to the executor after commit.
 * Idempotent: the exception is claimed with one conditional update, so a second click (or
 * a second admin) finds it resolved and changes nothing.
 */
export async function mergeConflictingCustomers(
  db: Db,
  exceptionId: string,
  actor: { id: string; email: string },
  dispatch: (e: WorkflowEvent) => Promise<void>,
): Promise<MergeConflictResult> {
  const result = await db.$transaction(async (tx) => {
    const x = await tx.exceptionRecord.findUnique({ where: { id: exceptionId } });
    if (!x || x.kind !== IDENTITY_CONFLICT)
      return { ok: false as const, error: "Conflict not found" };
    if (x.status !== "open")
      return { ok: false as const, error: "This conflict is already resolved" };
    if (!x.customerId || !x.pairCustomerId) {
      return { ok: false as const, error: "One of the two records no longer exists" };
    }
    const note = `Merged into one customer by ${actor.email}`;
    const claimed = await tx.exceptionRecord.updateMany({
      where: { id: exceptionId, status: "open" },
      data: {
        status: "resolved",
        resolvedAt: new Date(),
        resolvedById: actor.id,
        resolutionNote: note,
      },
    });
    if (claimed.count === 0)
      return { ok: false as const, error: "This conflict is already resolved" };
    const survivor = await mergeCustomers(tx, x.pairCustomerId, x.customerId, actor.email);
    const access = await recomputeAccess(tx, survivor.id, { actor: actor.email });
    await writeAudit(tx, {
      actor: actor.email,
      action: "exception.resolve",
      target: exceptionId,
      before: { status: "open", customers: [x.customerId, x.pairCustomerId] },
      after: { status: "resolved", note, survivor: survivor.id },
    });
    return { ok: true as const, survivorId: survivor.id, syncTasks: access.syncTasks };
  });
  if (!result.ok) return result;
  for (const t of result.syncTasks) {
    await dispatch(syncTaskEvent(t.id, t.customerId)).catch((e) =>
      log.warn(
        { taskId: t.id, err: String(e) },
        "sync task hand-off failed; the reconciler will run it",
      ),
    );
  }
  return { ok: true, survivorId: result.survivorId };
}
