import { BacklogCard } from "@/components/overview/backlog-card";
import { BusinessCharts } from "@/components/overview/business-charts-client";
import { HealthTiles } from "@/components/overview/health-tiles";
import { Journeys } from "@/components/overview/journeys";
import { NeedsYou } from "@/components/overview/needs-you";
import { MetricCharts } from "@/components/overview/metric-charts-client";
import { NextActions } from "@/components/overview/next-actions";
import { RecentAlerts } from "@/components/overview/recent-alerts";
import type { FormAction } from "@/lib/actions/action-state";
import { recentAlerts } from "@/lib/alerts/queries";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { metricsSnapshot } from "@/lib/metrics/snapshot";
import { metricSeries } from "@/lib/metrics/time-series";
import { alertLinks } from "@/lib/alerts/alert-door";
import { processingBacklog, summarizeBacklog } from "@/lib/overview/backlog";
import { businessSeries, moneyAtRisk } from "@/lib/overview/business";
import { recentJourneys } from "@/lib/overview/journeys";
import { nextActions } from "@/lib/overview/next-actions";
import { countOpenExceptions, countPendingApprovals } from "@/lib/overview/open-exceptions";

/** One section failing to load shows this instead of taking the whole overview down. */
export function SectionError({ what }: { what: string }) {
  return (
    <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      Could not load {what}. Reload the page; if it persists, check /api/health.
    </p>
  );
}

export function SectionSkeleton({ rows = 1 }: { rows?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading" className="space-y-2">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-16 animate-pulse rounded-lg bg-slate-200" />
      ))}
    </div>
  );
}

async function load<T>(what: string, fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (e) {
    log.error({ err: String(e), section: what }, "overview section failed");
    return null;
  }
}

export async function HealthSection() {
  const data = await load("health", () =>
    Promise.all([metricsSnapshot(db), countOpenExceptions(db)]),
  );
  if (!data) return <SectionError what="the health tiles" />;
  return <HealthTiles snapshot={data[0]} openExceptions={data[1]} />;
}

export async function NextActionsSection() {
  const items = await load("next actions", () => nextActions(db));
  if (!items) return <SectionError what="the next actions" />;
  return <NextActions items={items} />;
}

export async function AlertsSection({
  canManage,
  acknowledge,
}: {
  canManage: boolean;
  acknowledge: FormAction;
}) {
  const data = await load("alerts", async () => {
    const alerts = await recentAlerts(db, 8);
    return { alerts, hrefs: await alertLinks(db, alerts) };
  });
  if (!data) return <SectionError what="the alerts" />;
  return (
    <RecentAlerts
      alerts={data.alerts}
      hrefs={data.hrefs}
      canManage={canManage}
      acknowledge={acknowledge}
    />
  );
}

export async function NeedsYouSection() {
  const data = await load("money at risk", () =>
    Promise.all([moneyAtRisk(db), countOpenExceptions(db), countPendingApprovals(db)]),
  );
  if (!data) return <SectionError what="the money at risk" />;
  return <NeedsYou money={data[0]} openExceptions={data[1]} pendingApprovals={data[2]} />;
}

export async function JourneysSection({ problemsOnly }: { problemsOnly: boolean }) {
  const journeys = await load("journeys", () => recentJourneys(db, { take: 20, problemsOnly }));
  if (!journeys) return <SectionError what="the journeys" />;
  return <Journeys journeys={journeys} problemsOnly={problemsOnly} />;
}

export async function BusinessChartsSection() {
  const series = await load("business charts", () => businessSeries(db));
  if (!series) return <SectionError what="the business charts" />;
  return <BusinessCharts series={series} />;
}

export async function ChartsSection() {
  const series = await load("charts", async () => {
    const [day, week] = await Promise.all([metricSeries(db, "24h"), metricSeries(db, "7d")]);
    return { "24h": day, "7d": week };
  });
  if (!series) return <SectionError what="the charts" />;
  return <MetricCharts series={series} />;
}

export async function BacklogSection() {
  const backlog = await load("backlog", () => processingBacklog(db));
  if (!backlog) return <SectionError what="the processing backlog" />;
  return <BacklogCard summary={summarizeBacklog(backlog)} />;
}
