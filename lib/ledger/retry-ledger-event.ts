import type { Db } from "@/lib/db";
import { ledgerEvent, type WorkflowEvent } from "@/lib/workflow-events";

export type RetryResult = { ok: true } | { ok: false; error: string };

/**
 * Re-dispatches a failed (or never handed-off) ledger event. Idempotent: processing
 * claims only rows in `received`/`failed`, so repeated retries apply the event once.
 * Each retry uses a fresh dispatch id because Inngest drops a repeated event id.
 */
export async function retryLedgerEvent(
  db: Db,
  ledgerEventId: string,
  dispatch: (e: WorkflowEvent) => Promise<void>,
): Promise<RetryResult> {
  const row = await db.ledgerEvent.findUnique({
    where: { id: ledgerEventId },
    select: { status: true, attempts: true, orderingKey: true },
  });
  if (!row) return { ok: false, error: "Event not found" };
  if (row.status !== "failed" && row.status !== "received") {
    return {
      ok: false,
      error: `Event is ${row.status}; only failed or received events can be retried`,
    };
  }
  await dispatch(
    ledgerEvent({ id: ledgerEventId, orderingKey: row.orderingKey }, `retry:${row.attempts}`),
  );
  return { ok: true };
}
