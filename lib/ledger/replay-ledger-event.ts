import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";
import { ledgerEvent, type WorkflowEvent } from "@/lib/workflow-events";
import { CLAIM_LEASE_SECONDS } from "@/lib/ledger/claim-ledger-event";

export type ReplayResult = { ok: true; previousStatus: string } | { ok: false; error: string };

/**
 * Re-runs processing of one ledger row (admin "replay"): puts the same row back to
 * `received` and hands it to the executor. No second ledger row is created, and processing
 * converges (handlers re-derive state; older events never overwrite newer ones; outbox
 * tasks are keyed by business cause), so a replay creates no duplicate side effect.
 * A row being processed right now (fresh claim) is refused. Audited in the same
 * transaction as the reset.
 * Idempotent: safe to run any number of times for the same event; each run converges to
 * the state one processing produces (only the audit trail grows, one row per request).
 */
export async function replayLedgerEvent(
  db: Db,
  ledgerEventId: string,
  actor: { email: string },
  dispatch: (e: WorkflowEvent) => Promise<void>,
): Promise<ReplayResult> {
  const reset = await db.$transaction(async (tx) => {
    const row = await tx.ledgerEvent.findUnique({
      where: { id: ledgerEventId },
      select: { status: true, attempts: true, claimedAt: true, orderingKey: true },
    });
    if (!row) return { ok: false as const, error: "Event not found" };
    const leaseStart = new Date(Date.now() - CLAIM_LEASE_SECONDS * 1000);
    if (row.status === "processing" && row.claimedAt && row.claimedAt > leaseStart) {
      return { ok: false as const, error: "Event is being processed right now; try again shortly" };
    }
    const updated = await tx.ledgerEvent.updateMany({
      where: { id: ledgerEventId, status: row.status },
      data: { status: "received", claimedAt: null },
    });
    if (updated.count === 0) return { ok: false as const, error: "Event changed; try again" };
    await writeAudit(tx, {
      actor: actor.email,
      action: "ledger.replay",
      target: ledgerEventId,
      before: { status: row.status, attempts: row.attempts },
      after: { status: "received" },
    });
    return {
      ok: true as const,
      previousStatus: row.status as string,
      attempts: row.attempts,
      orderingKey: row.orderingKey,
    };
  });
  if (!reset.ok) return reset;
  // A fresh dispatch id per replay: Inngest drops a repeated event id.
  await dispatch(
    ledgerEvent(
      { id: ledgerEventId, orderingKey: reset.orderingKey },
      `replay:${reset.attempts}:${Date.now()}`,
    ),
  );
  return { ok: true, previousStatus: reset.previousStatus };
}
