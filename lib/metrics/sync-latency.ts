import type { Db } from "@/lib/db";
import { round, type Window } from "@/lib/metrics/window";

export type SyncLatency = { target: string; count: number; p50: number | null; p95: number | null };

/**
 * Sync latency per connector (target): seconds from the task's creation (the state change
 * that caused it) to its success, p50 and p95, over tasks that succeeded in the window.
 */
export async function syncLatency(db: Db, w: Window): Promise<SyncLatency[]> {
  const rows = await db.$queryRaw<
    { target: string; count: bigint; p50: number | null; p95: number | null }[]
  >`
    SELECT "target"::text AS target, count(*) AS count,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("lastSuccessAt" - "createdAt")))::float8 AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("lastSuccessAt" - "createdAt")))::float8 AS p95
      FROM "SyncTask"
     WHERE "status" = 'succeeded' AND "lastSuccessAt" >= ${w.since} AND "lastSuccessAt" < ${w.until}
     GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({
    target: r.target,
    count: Number(r.count),
    p50: round(r.p50),
    p95: round(r.p95),
  }));
}
