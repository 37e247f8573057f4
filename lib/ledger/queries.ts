import type { Db } from "@/lib/db";

export async function latestLedgerEvents(db: Db, take = 20) {
  return db.ledgerEvent.findMany({
    orderBy: { receivedAt: "desc" },
    take,
    select: {
      id: true,
      source: true,
      type: true,
      status: true,
      occurredAt: true,
      receivedAt: true,
      attempts: true,
      duplicateCount: true,
      error: true,
      correlationId: true,
      customer: { select: { id: true, email: true } },
    },
  });
}

export type LedgerListItem = Awaited<ReturnType<typeof latestLedgerEvents>>[number];
