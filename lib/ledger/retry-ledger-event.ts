import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";
import { ledgerEvent, type WorkflowEvent } from "@/lib/workflow-events";

export type RetryResult = { ok: true } | { ok: false; error: string };

/**
 * Re-dispatches a failed (or never handed-off) ledger event, audited as ledger.retry (the
 * audit row is committed with the status check, before the hand-off: a retry whose
 * hand-off fails is still on record). A refused retry writes nothing.
 * Idempotent: processing claims only rows in `received`/`failed`, so repeated retries
 * apply the event once (each request leaves its own audit row).
 * Each retry uses a fresh dispatch id because Inngest drops a repeated event id.
 */
export async function retryLedgerEvent(
  db: Db,
  ledgerEventId: string,
  actor: { email: string },
  dispatch: (e: WorkflowEvent) => Promise<void>,
): Promise<RetryResult> {
  const checked = await db.$transaction(async (tx) => {
    const row = await tx.ledgerEvent.findUnique({
      where: { id: ledgerEventId },
      select: { status: true, attempts: true, orderingKey: true },
    });
    if (!row) return { ok: false as const, error: "Event not found" };
    if (row.status !== "failed" && row.status !== "received") {
      return {
        ok: false as const,
        error: `Event is ${row.status}; only failed or received events can be retried`,
      };
    }
    await writeAudit(tx, {
      actor: actor.email,
      action: "ledger.retry",
      target: ledgerEventId,
      before: { status: row.status, attempts: row.attempts },
      after: { dispatched: true },
    });
    return { ok: true as const, row };
  });
  if (!checked.ok) return checked;
  const { row } = checked;
  await dispatch(
    ledgerEvent({ id: ledgerEventId, orderingKey: row.orderingKey }, `retry:${row.attempts}`),
  );
  return { ok: true };
}
