import type { Db } from "@/lib/db";
import { webhookRejectionSeries } from "@/lib/metrics/webhook-rejections";
import { round } from "@/lib/metrics/window";

export type SeriesRange = "24h" | "7d";

export type SeriesPoint = {
  /** Bucket start, ISO 8601. */
  at: string;
  /** Webhooks received (ledger rows + rejected requests). */
  received: number;
  /** (rejected + failed) / received; null without traffic. */
  failureRate: number | null;
  /** Sync latency p95 in seconds over tasks that succeeded in the bucket. */
  latencyP95: number | null;
};

const RANGES: Record<SeriesRange, { bucketMs: number; buckets: number }> = {
  "24h": { bucketMs: 3_600_000, buckets: 24 },
  "7d": { bucketMs: 6 * 3_600_000, buckets: 28 },
};

/**
 * Volume, failure rate and sync latency over the last 24 h (hourly buckets) or 7 d
 * (6-hour buckets), computed with SQL over the ledger and the outbox.
 */
export async function metricSeries(
  db: Db,
  range: SeriesRange,
  now = new Date(),
): Promise<SeriesPoint[]> {
  const { bucketMs, buckets } = RANGES[range];
  const end = Math.ceil(now.getTime() / bucketMs) * bucketMs;
  const since = new Date(end - bucketMs * buckets);
  const ledger = await db.$queryRaw<{ b: number; received: bigint; failed: bigint }[]>`
    SELECT floor(EXTRACT(EPOCH FROM "receivedAt") * 1000 / ${bucketMs})::float8 AS b,
           count(*) AS received, count(*) FILTER (WHERE "status" = 'failed') AS failed
      FROM "LedgerEvent"
     WHERE "receivedAt" >= ${since} AND "receivedAt" < ${new Date(end)}
     GROUP BY 1`;
  const latency = await db.$queryRaw<{ b: number; p95: number | null }[]>`
    SELECT floor(EXTRACT(EPOCH FROM "lastSuccessAt") * 1000 / ${bucketMs})::float8 AS b,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("lastSuccessAt" - "createdAt")))::float8 AS p95
      FROM "SyncTask"
     WHERE "status" = 'succeeded' AND "lastSuccessAt" >= ${since} AND "lastSuccessAt" < ${new Date(end)}
     GROUP BY 1`;
  // Bucket numbers count from the epoch (timestamps are stored in UTC); index = b − first.
  const first = since.getTime() / bucketMs;
  const at = (b: number) => Number(b) - first;
  const rejected = await webhookRejectionSeries(db, since, bucketMs, buckets);
  return Array.from({ length: buckets }, (_, i) => {
    const l = ledger.find((r) => at(r.b) === i);
    const received = Number(l?.received ?? 0) + rejected[i];
    const failed = Number(l?.failed ?? 0) + rejected[i];
    return {
      at: new Date(since.getTime() + i * bucketMs).toISOString(),
      received,
      failureRate: received ? round(failed / received) : null,
      latencyP95: round(latency.find((r) => at(r.b) === i)?.p95),
    };
  });
}
