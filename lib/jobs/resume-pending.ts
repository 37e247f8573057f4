import type { Db } from "@/lib/db";
import { ledgerEvent, type WorkflowEvent } from "@/lib/workflow-events";
import { CLAIM_LEASE_SECONDS } from "@/lib/ledger/claim-ledger-event";

/**
 * Ledger rows to dispatch again: rows whose hand-off was lost (crash between commit and
 * enqueue, failed send), rows whose worker died, and failed rows whose next automatic
 * attempt is due (lib/ledger/ledger-retry.ts; a failed row not yet due, or past its last
 * attempt, is left alone). Processing is idempotent, so re-dispatching an event that is in
 * flight is harmless. A failed row gets a fresh dispatch id per attempt, because Inngest
 * drops an event id it has seen.
 */
export async function findPendingLedgerEvents(
  db: Db,
  olderThanSeconds: number,
  limit = 500,
  now: Date = new Date(),
): Promise<WorkflowEvent[]> {
  const cutoff = new Date(now.getTime() - olderThanSeconds * 1000);
  const leaseCutoff = new Date(now.getTime() - CLAIM_LEASE_SECONDS * 1000);
  const rows = await db.ledgerEvent.findMany({
    where: {
      OR: [
        { status: "received", receivedAt: { lte: cutoff } },
        { status: "processing", claimedAt: { lt: leaseCutoff } },
        { status: "failed", nextAttemptAt: { lte: now } },
      ],
    },
    select: { id: true, status: true, attempts: true, orderingKey: true },
    orderBy: { receivedAt: "asc" },
    take: limit,
  });
  return rows.map((r) =>
    ledgerEvent(r, r.status === "failed" ? `attempt-${r.attempts + 1}` : undefined),
  );
}
