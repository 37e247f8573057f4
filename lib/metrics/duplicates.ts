import type { Db } from "@/lib/db";
import type { Window } from "@/lib/metrics/window";

/** Duplicate deliveries dropped, per UTC day and source (sum of LedgerEvent.duplicateCount). */
export async function duplicateEventsPerDay(
  db: Db,
  w: Window,
): Promise<{ day: string; source: string; duplicates: number }[]> {
  const rows = await db.$queryRaw<{ day: Date; source: string; duplicates: bigint }[]>`
    SELECT date_trunc('day', "receivedAt") AS day, "source"::text AS source,
           sum("duplicateCount") AS duplicates
      FROM "LedgerEvent"
     WHERE "receivedAt" >= ${w.since} AND "receivedAt" < ${w.until} AND "duplicateCount" > 0
     GROUP BY 1, 2 ORDER BY 1, 2`;
  return rows.map((r) => ({
    day: r.day.toISOString().slice(0, 10),
    source: r.source,
    duplicates: Number(r.duplicates),
  }));
}

export type DuplicateSideEffect = {
  action: string;
  target: string;
  /** Extra side effects: for a cause acted on n times, n − 1. */
  extra: number;
};

/**
 * Side effects performed more than once for one business cause. The outbox's idempotency
 * key is unique, so the same key can never run twice; this catches the other way it can
 * go wrong — two keys for one cause. The cause of each action, independent of the key:
 * a ticket per (customer, cause, causeId); a welcome email per customer; a dunning email per
 * invoice; a ticket solve per (customer, causeId); an app notification per (customer, new
 * status, change time). CRM upserts are excluded: repeating one is harmless by design.
 * Counted over succeeded tasks whose latest success falls in the window. Normal value: 0.
 */
export async function duplicateSideEffects(db: Db, w: Window): Promise<DuplicateSideEffect[]> {
  const rows = await db.$queryRaw<{ action: string; target: string; extra: bigint }[]>`
    SELECT action, target, sum(n - 1) AS extra FROM (
      SELECT "action" AS action, "target"::text AS target, count(*) AS n, max("lastSuccessAt") AS last
        -- Only customers with a success in the window can have a cause whose latest success is
        -- in it (the cause includes the customer): read just their tasks, through the
        -- (customerId, status) index. OFFSET 0 keeps the planner from flattening the lateral
        -- subquery into a hash join over the whole outbox.
        FROM (SELECT DISTINCT "customerId" AS id FROM "SyncTask"
               WHERE "status" = 'succeeded' AND "action" <> 'crm.upsert_contact'
                 AND "lastSuccessAt" >= ${w.since} AND "lastSuccessAt" < ${w.until}) AS recent
        CROSS JOIN LATERAL (
          SELECT * FROM "SyncTask"
           WHERE "customerId" = recent.id AND "status" = 'succeeded' AND "action" <> 'crm.upsert_contact'
          OFFSET 0) AS t
       GROUP BY "action", "target", "customerId",
                CASE "action"
                  WHEN 'support.open_ticket' THEN ("payload"->>'cause') || ':' || ("payload"->>'causeId')
                  WHEN 'support.solve_ticket' THEN "payload"->>'causeId'
                  WHEN 'email.welcome' THEN ''
                  WHEN 'email.dunning' THEN "payload"->>'invoiceId'
                  WHEN 'app.access_changed' THEN ("payload"->>'to') || '@' || ("payload"->>'changedAt')
                  ELSE "idempotencyKey"
                END
      HAVING count(*) > 1
    ) AS causes
     WHERE last >= ${w.since} AND last < ${w.until}
     GROUP BY action, target ORDER BY action`;
  return rows.map((r) => ({ action: r.action, target: r.target, extra: Number(r.extra) }));
}
