import type { Db } from "@/lib/db";
import type { Window } from "@/lib/metrics/window";

/** Support tickets opened by the sync engine (succeeded support.open_ticket tasks) in a window. */
export async function ticketsCreated(db: Db, w: Window): Promise<number> {
  return db.syncTask.count({
    where: {
      action: "support.open_ticket",
      status: "succeeded",
      lastSuccessAt: { gte: w.since, lt: w.until },
    },
  });
}

/** Tickets opened per UTC hour over a window (hours without tickets are omitted). */
export async function ticketsPerHour(
  db: Db,
  w: Window,
): Promise<{ hour: string; tickets: number }[]> {
  const rows = await db.$queryRaw<{ hour: Date; tickets: bigint }[]>`
    SELECT date_trunc('hour', "lastSuccessAt") AS hour, count(*) AS tickets
      FROM "SyncTask"
     WHERE "action" = 'support.open_ticket' AND "status" = 'succeeded'
       AND "lastSuccessAt" >= ${w.since} AND "lastSuccessAt" < ${w.until}
     GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({ hour: r.hour.toISOString(), tickets: Number(r.tickets) }));
}
