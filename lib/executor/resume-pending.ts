import type { Db } from "@/lib/db";
import type { WorkflowEvent } from "@/lib/executor/events";
import { CLAIM_LEASE_SECONDS } from "@/lib/workflows/process-ledger-event";

/**
 * Ledger rows whose hand-off was lost (crash between commit and enqueue, failed send) or
 * whose worker died: returned as events to dispatch again. Processing is idempotent, so
 * re-dispatching an event that is in flight is harmless.
 */
export async function findPendingLedgerEvents(
  db: Db,
  olderThanSeconds: number,
  limit = 500,
): Promise<WorkflowEvent[]> {
  const cutoff = new Date(Date.now() - olderThanSeconds * 1000);
  const leaseCutoff = new Date(Date.now() - CLAIM_LEASE_SECONDS * 1000);
  const rows = await db.ledgerEvent.findMany({
    where: {
      OR: [
        { status: "received", receivedAt: { lte: cutoff } },
        { status: "processing", claimedAt: { lt: leaseCutoff } },
      ],
    },
    select: { id: true },
    orderBy: { receivedAt: "asc" },
    take: limit,
  });
  return rows.map((r) => ({
    name: "ledger/event.received",
    id: r.id,
    data: { ledgerEventId: r.id },
  }));
}
