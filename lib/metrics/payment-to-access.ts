import type { Db } from "@/lib/db";
import { round, type Window } from "@/lib/metrics/window";

/**
 * Payment succeeded → access active: seconds from when we received the paying Stripe event
 * (the ledger row that caused the transition) to the AccessTransition to `active`, p95 over
 * transitions in the window. Measured from our receipt, not the provider's event time: the
 * provider's delivery lag (and replays of old events) is not something the flow can fix.
 */
export async function paymentToAccess(
  db: Db,
  w: Window,
): Promise<{ count: number; p95: number | null }> {
  const [row] = await db.$queryRaw<{ count: bigint; p95: number | null }[]>`
    SELECT count(*) AS count,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY GREATEST(0, EXTRACT(EPOCH FROM (t."at" - l."receivedAt"))))::float8 AS p95
      FROM "AccessTransition" t
      JOIN "LedgerEvent" l ON l."id" = t."ledgerEventId"
     WHERE t."to" = 'active' AND l."source" = 'stripe'
       AND t."at" >= ${w.since} AND t."at" < ${w.until}`;
  return { count: Number(row?.count ?? 0), p95: round(row?.p95) };
}
