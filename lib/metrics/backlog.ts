import type { Db } from "@/lib/db";

export type Backlog = {
  target: string;
  /** Waiting for a first or a next attempt (pending, failed awaiting retry, running). */
  pending: number;
  /** Dead tasks nobody has dealt with yet (their exception is not resolved). */
  dead: number;
  /** Seconds since the oldest waiting task was created; null when none waits. */
  oldestPendingAgeSeconds: number | null;
};

/** The sync outbox backlog per connector (target). */
export async function syncBacklog(db: Db, now = new Date()): Promise<Backlog[]> {
  const rows = await db.$queryRaw<
    { target: string; pending: bigint; dead: bigint; oldest: Date | null }[]
  >`
    SELECT "target"::text AS target,
           count(*) FILTER (WHERE "status" IN ('pending', 'failed', 'running')) AS pending,
           count(*) FILTER (WHERE "status" = 'dead' AND NOT EXISTS (
             SELECT 1 FROM "ExceptionRecord" e
              WHERE e."syncTaskId" = "SyncTask"."id" AND e."status" = 'resolved')) AS dead,
           min("createdAt") FILTER (WHERE "status" IN ('pending', 'failed', 'running')) AS oldest
      FROM "SyncTask"
     WHERE "status" IN ('pending', 'failed', 'running', 'dead')
     GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({
    target: r.target,
    pending: Number(r.pending),
    dead: Number(r.dead),
    oldestPendingAgeSeconds: r.oldest
      ? Math.max(0, Math.round((now.getTime() - r.oldest.getTime()) / 1000))
      : null,
  }));
}
