import type { Db } from "@/lib/db";
import { metrics } from "@/lib/metrics/registry";
import { metricsSnapshot } from "@/lib/metrics/snapshot";

const SOURCES = ["stripe", "hubspot", "zendesk", "app"];
const TARGETS = ["crm", "support", "email", "app"];

/**
 * Refreshes every gauge from the database and renders the registry in Prometheus text
 * format. Gauges are set for every known source and target so a series never vanishes.
 */
export async function renderPrometheusMetrics(db: Db, now = new Date()): Promise<string> {
  const m = metrics();
  const s = await metricsSnapshot(db, now);
  for (const [window, rows] of [
    ["15m", s.webhooks15m],
    ["24h", s.webhooks24h],
  ] as const) {
    for (const source of SOURCES) {
      const r = rows.find((x) => x.source === source);
      m.webhookReceived.set({ source, window }, r?.received ?? 0);
      m.webhookFailed.set({ source, window }, (r?.rejected ?? 0) + (r?.failed ?? 0));
      m.webhookFailureRatio.set({ source, window }, r?.rate ?? 0);
    }
  }
  m.syncLatency.reset();
  for (const r of s.syncLatency24h) {
    if (r.p50 !== null) m.syncLatency.set({ target: r.target, quantile: "0.5" }, r.p50);
    if (r.p95 !== null) m.syncLatency.set({ target: r.target, quantile: "0.95" }, r.p95);
  }
  for (const source of SOURCES)
    m.duplicateEventsToday.set(
      { source },
      s.duplicatesToday.filter((d) => d.source === source).reduce((n, d) => n + d.duplicates, 0),
    );
  m.duplicateSideEffects.reset();
  m.duplicateSideEffects.set(
    { action: "all" },
    s.duplicateSideEffects24h.reduce((n, d) => n + d.extra, 0),
  );
  for (const d of s.duplicateSideEffects24h)
    m.duplicateSideEffects.set({ action: d.action }, d.extra);
  m.ticketsLastHour.set(s.ticketsLastHour);
  m.paymentToAccessP95.reset();
  if (s.paymentToAccessP95 !== null) m.paymentToAccessP95.set(s.paymentToAccessP95);
  for (const target of TARGETS) {
    const b = s.backlog.find((x) => x.target === target);
    m.syncTasks.set({ target, status: "pending" }, b?.pending ?? 0);
    m.syncTasks.set({ target, status: "dead" }, b?.dead ?? 0);
    m.oldestPendingAge.set({ target }, b?.oldestPendingAgeSeconds ?? 0);
  }
  const open = await db.alert.groupBy({
    by: ["ruleId"],
    where: { state: { in: ["firing", "acknowledged"] } },
    _count: true,
  });
  const rules = await db.alertRule.findMany({ select: { id: true, key: true } });
  m.alertsOpen.reset();
  for (const rule of rules)
    m.alertsOpen.set({ rule: rule.key }, open.find((o) => o.ruleId === rule.id)?._count ?? 0);
  return m.registry.metrics();
}

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
