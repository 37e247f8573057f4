import type { Db } from "@/lib/db";
import { webhookRejectionsBetween } from "@/lib/metrics/webhook-rejections";
import { round, type Window } from "@/lib/metrics/window";

export type WebhookFailureRate = {
  source: string;
  /** Requests that reached the route: ledger rows recorded in the window + rejected requests. */
  received: number;
  /** Rejected before recording (bad signature, bad body; counted per minute in Postgres). */
  rejected: number;
  /** Recorded, but processing failed (ledger status `failed`). */
  failed: number;
  /** (rejected + failed) / received; null without traffic. */
  rate: number | null;
};

/**
 * Webhook failure rate per source over a window: (rejected + failed) / received. Duplicate
 * deliveries are not counted as received (they only bump a counter with no time).
 */
export async function webhookFailureRate(db: Db, w: Window): Promise<WebhookFailureRate[]> {
  const rows = await db.$queryRaw<{ source: string; received: bigint; failed: bigint }[]>`
    SELECT "source"::text AS source, count(*) AS received,
           count(*) FILTER (WHERE "status" = 'failed') AS failed
      FROM "LedgerEvent"
     WHERE "receivedAt" >= ${w.since} AND "receivedAt" < ${w.until}
     GROUP BY 1`;
  const rejected = await webhookRejectionsBetween(db, w.since, w.until);
  const sources = new Set([...rows.map((r) => r.source), ...Object.keys(rejected)]);
  return [...sources].sort().map((source) => {
    const row = rows.find((r) => r.source === source);
    const rej = rejected[source] ?? 0;
    const failed = Number(row?.failed ?? 0);
    const received = Number(row?.received ?? 0) + rej;
    return {
      source,
      received,
      rejected: rej,
      failed,
      rate: received ? round((rej + failed) / received) : null,
    };
  });
}
