import type { Db } from "@/lib/db";

/** Money by currency, in the smallest unit (cents). */
export type Amounts = Record<string, number>;

export type MoneyAtRisk = {
  /** Unpaid failed invoices of people still past due or blocked: what dunning can recover. */
  atRisk: Amounts;
  pastDue: number;
  blocked: number;
};

/**
 * What is at stake now: the sum of unpaid, failed invoices (open: Stripe still retries)
 * of people in bad standing, with how many are past due and blocked.
 */
export async function moneyAtRisk(db: Db): Promise<MoneyAtRisk> {
  const [rows, counts] = await Promise.all([
    db.$queryRaw<{ currency: string | null; cents: bigint }[]>`
      SELECT i."currency", sum(i."amountDue" - coalesce(i."amountPaid", 0))::bigint AS cents
        FROM "Invoice" i JOIN "Customer" c ON c."id" = i."customerId"
       WHERE i."status" = 'open' AND i."firstFailedAt" IS NOT NULL
         AND c."accessStatus" IN ('past_due', 'blocked')
       GROUP BY 1`,
    db.customer.groupBy({
      by: ["accessStatus"],
      where: { accessStatus: { in: ["past_due", "blocked"] } },
      _count: { _all: true },
    }),
  ]);
  const n = (s: string) => counts.find((c) => c.accessStatus === s)?._count._all ?? 0;
  return {
    atRisk: Object.fromEntries(
      rows.map((r) => [(r.currency ?? "").toUpperCase(), Number(r.cents)]),
    ),
    pastDue: n("past_due"),
    blocked: n("blocked"),
  };
}

export type WeekMoney = { week: string; atRisk: number; recovered: number };
export type AccessMixPoint = { day: string } & Record<string, number>;
export type DelayPoint = { day: string; p50: number | null; p95: number | null; payments: number };

export type BusinessSeries = {
  currency: string | null;
  weeks: WeekMoney[];
  accessMix: AccessMixPoint[];
  delay: DelayPoint[];
};

const STATUSES = ["active", "trial", "past_due", "blocked", "canceled", "lead"] as const;

/**
 * The business over the last `weeks` weeks, on provider times (when Stripe says things
 * happened, so an import or a late webhook lands in the right week):
 * - per week, revenue at risk (failed renewals first failing that week and still unpaid at
 *   its end) and recovered revenue (failed invoices paid that week);
 * - per day, the access mix: each person's status as of the end of the day, from the access
 *   transitions (at the time of the provider event that caused each, else when it happened);
 * - per day, payment → access delay as the health tile measures it (lib/metrics): from our
 *   receipt of the paying Stripe event to access becoming active.
 * Amounts in the main currency (the one with most failed invoices).
 */
export async function businessSeries(
  db: Db,
  opts: { weeks?: number; now?: Date } = {},
): Promise<BusinessSeries> {
  const now = opts.now ?? new Date();
  const weeks = opts.weeks ?? 6;
  const since = new Date(now.getTime() - weeks * 7 * 86_400_000);
  const [cur] = await db.$queryRaw<{ currency: string | null }[]>`
    SELECT "currency" FROM "Invoice" WHERE "firstFailedAt" IS NOT NULL
     GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`;
  const currency = cur?.currency ?? null;
  const [money, mix, delay] = await Promise.all([
    db.$queryRaw<{ week: Date; at_risk: bigint; recovered: bigint }[]>`
      WITH w AS (
        SELECT generate_series(date_trunc('week', ${since}::timestamptz), ${now}::timestamptz, interval '1 week') AS week
      )
      SELECT w.week,
             coalesce((SELECT sum(i."amountDue") FROM "Invoice" i
                        WHERE i."firstFailedAt" >= w.week AND i."firstFailedAt" < w.week + interval '1 week'
                          AND i."currency" IS NOT DISTINCT FROM ${currency}
                          AND (i."paidAt" IS NULL OR i."paidAt" >= least(w.week + interval '1 week', ${now}::timestamptz))
                          AND i."status" IN ('open', 'paid', 'uncollectible')), 0)::bigint AS at_risk,
             coalesce((SELECT sum(coalesce(i."amountPaid", i."amountDue")) FROM "Invoice" i
                        WHERE i."firstFailedAt" IS NOT NULL AND i."status" = 'paid'
                          AND i."paidAt" >= w.week AND i."paidAt" < w.week + interval '1 week'
                          AND i."currency" IS NOT DISTINCT FROM ${currency}), 0)::bigint AS recovered
        FROM w ORDER BY 1`,
    db.$queryRaw<{ day: Date; status: string; n: bigint }[]>`
      WITH t AS (
        SELECT tr."customerId", tr."to"::text AS status, coalesce(le."occurredAt", tr."at") AS at
          FROM "AccessTransition" tr LEFT JOIN "LedgerEvent" le ON le."id" = tr."ledgerEventId"
      ), d AS (
        SELECT generate_series(date_trunc('day', ${since}::timestamptz), ${now}::timestamptz, interval '1 day') AS day
      )
      SELECT d.day, s.status, count(*)::bigint AS n
        FROM d CROSS JOIN LATERAL (
          SELECT DISTINCT ON (t."customerId") t.status
            FROM t WHERE t.at < d.day + interval '1 day'
           ORDER BY t."customerId", t.at DESC
        ) s
       GROUP BY 1, 2 ORDER BY 1`,
    db.$queryRaw<{ day: Date; p50: number | null; p95: number | null; n: bigint }[]>`
      SELECT date_trunc('day', t."at") AS day, count(*)::bigint AS n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY GREATEST(0, EXTRACT(EPOCH FROM (t."at" - l."receivedAt"))))::float8 AS p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY GREATEST(0, EXTRACT(EPOCH FROM (t."at" - l."receivedAt"))))::float8 AS p95
        FROM "AccessTransition" t JOIN "LedgerEvent" l ON l."id" = t."ledgerEventId"
       WHERE t."to" = 'active' AND l."source" = 'stripe' AND t."at" >= ${since}
       GROUP BY 1 ORDER BY 1`,
  ]);
  const mixByDay = new Map<string, AccessMixPoint>();
  for (const r of mix) {
    const day = r.day.toISOString().slice(0, 10);
    const p =
      mixByDay.get(day) ??
      ({ day, ...Object.fromEntries(STATUSES.map((s) => [s, 0])) } as AccessMixPoint);
    p[r.status] = Number(r.n);
    mixByDay.set(day, p);
  }
  return {
    currency: currency?.toUpperCase() ?? null,
    weeks: money.map((r) => ({
      week: r.week.toISOString().slice(0, 10),
      atRisk: Number(r.at_risk),
      recovered: Number(r.recovered),
    })),
    accessMix: [...mixByDay.values()],
    delay: delay.map((r) => ({
      day: r.day.toISOString().slice(0, 10),
      p50: r.p50,
      p95: r.p95,
      payments: Number(r.n),
    })),
  };
}
