import type { Db } from "@/lib/db";

export const UPTIME_RANGES = { "24h": 24, "7d": 7 * 24, "30d": 30 * 24 } as const;
export type UptimeRange = keyof typeof UPTIME_RANGES;

export type RangeStats = {
  /** Share of probes that were up, 0..1, or null without probes. */
  uptime: number | null;
  p95LatencyMs: number | null;
  probes: number;
};

export type UptimePoint = { at: string; uptime: number | null; p95LatencyMs: number | null };

export type TargetStats = {
  id: string;
  url: string;
  keyword: string | null;
  certExpiresAt: Date | null;
  last: {
    at: Date;
    up: boolean;
    status: number | null;
    latencyMs: number | null;
    error: string | null;
  } | null;
  ranges: Record<UptimeRange, RangeStats>;
  /** Buckets for the charts: hourly for 24 h and 7 d, daily for 30 d. */
  series: Record<UptimeRange, UptimePoint[]>;
};

async function rangeStats(db: Db, targetId: string, since: Date): Promise<RangeStats> {
  const [row] = await db.$queryRaw<{ n: bigint; up: bigint; p95: number | null }[]>`
    SELECT count(*) AS n, count(*) FILTER (WHERE "up") AS up,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY "latencyMs")::float8 AS p95
      FROM "UptimeProbe" WHERE "targetId" = ${targetId} AND "at" >= ${since}`;
  const n = Number(row.n);
  return {
    uptime: n ? Number(row.up) / n : null,
    p95LatencyMs: row.p95 === null ? null : Math.round(row.p95),
    probes: n,
  };
}

async function series(
  db: Db,
  targetId: string,
  since: Date,
  unit: "hour" | "day",
): Promise<UptimePoint[]> {
  const rows = await db.$queryRaw<{ bucket: Date; n: bigint; up: bigint; p95: number | null }[]>`
    SELECT date_trunc(${unit}, "at") AS bucket, count(*) AS n,
           count(*) FILTER (WHERE "up") AS up,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY "latencyMs")::float8 AS p95
      FROM "UptimeProbe" WHERE "targetId" = ${targetId} AND "at" >= ${since}
     GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({
    at: new Date(r.bucket).toISOString(),
    uptime: Number(r.n) ? Number(r.up) / Number(r.n) : null,
    p95LatencyMs: r.p95 === null ? null : Math.round(r.p95),
  }));
}

/** Every watched URL with its last probe, uptime % and p95 latency over 24 h, 7 d and 30 d. */
export async function uptimeStats(db: Db, now = new Date()): Promise<TargetStats[]> {
  const targets = await db.uptimeTarget.findMany({ orderBy: { createdAt: "asc" } });
  return Promise.all(
    targets.map(async (t) => {
      const last = await db.uptimeProbe.findFirst({
        where: { targetId: t.id },
        orderBy: { at: "desc" },
        select: { at: true, up: true, status: true, latencyMs: true, error: true },
      });
      const ranges = {} as Record<UptimeRange, RangeStats>;
      const charts = {} as Record<UptimeRange, UptimePoint[]>;
      for (const [range, hours] of Object.entries(UPTIME_RANGES) as [UptimeRange, number][]) {
        const since = new Date(now.getTime() - hours * 3_600_000);
        ranges[range] = await rangeStats(db, t.id, since);
        charts[range] = await series(db, t.id, since, range === "30d" ? "day" : "hour");
      }
      return {
        id: t.id,
        url: t.url,
        keyword: t.keyword,
        certExpiresAt: t.certExpiresAt,
        last,
        ranges,
        series: charts,
      };
    }),
  );
}
