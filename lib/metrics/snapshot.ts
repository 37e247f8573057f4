import type { Db } from "@/lib/db";
import { syncBacklog, type Backlog } from "@/lib/metrics/backlog";
import {
  duplicateEventsPerDay,
  duplicateSideEffects,
  type DuplicateSideEffect,
} from "@/lib/metrics/duplicates";
import { paymentToAccess } from "@/lib/metrics/payment-to-access";
import { ticketsCreated } from "@/lib/metrics/support-tickets";
import { syncLatency, type SyncLatency } from "@/lib/metrics/sync-latency";
import { webhookFailureRate, type WebhookFailureRate } from "@/lib/metrics/webhook-failure-rate";
import { lastMinutes, round } from "@/lib/metrics/window";

export type MetricsSnapshot = {
  at: string;
  webhooks15m: WebhookFailureRate[];
  webhooks24h: WebhookFailureRate[];
  /** Across sources, last 24 h: 1 − failure rate; null without traffic. */
  webhookSuccessRate24h: number | null;
  syncLatency24h: SyncLatency[];
  /** Across connectors, last 24 h. */
  syncLatencyP95: number | null;
  duplicatesToday: { source: string; duplicates: number }[];
  duplicateSideEffects24h: DuplicateSideEffect[];
  ticketsLastHour: number;
  paymentToAccessP95: number | null;
  backlog: Backlog[];
};

/** Every current metric in one read (for /api/metrics and the overview). */
export async function metricsSnapshot(db: Db, now = new Date()): Promise<MetricsSnapshot> {
  const day = lastMinutes(24 * 60, now);
  const today = { since: new Date(now.toISOString().slice(0, 10) + "T00:00:00Z"), until: now };
  const [webhooks15m, webhooks24h, latency, allLatency, dupes, sideEffects, tickets, p2a, backlog] =
    await Promise.all([
      webhookFailureRate(db, lastMinutes(15, now)),
      webhookFailureRate(db, day),
      syncLatency(db, day),
      db.$queryRaw<{ p95: number | null }[]>`
        SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("lastSuccessAt" - "createdAt")))::float8 AS p95
          FROM "SyncTask"
         WHERE "status" = 'succeeded' AND "lastSuccessAt" >= ${day.since} AND "lastSuccessAt" < ${day.until}`,
      duplicateEventsPerDay(db, today),
      duplicateSideEffects(db, day),
      ticketsCreated(db, lastMinutes(60, now)),
      paymentToAccess(db, day),
      syncBacklog(db, now),
    ]);
  const received = webhooks24h.reduce((n, r) => n + r.received, 0);
  const failed = webhooks24h.reduce((n, r) => n + r.rejected + r.failed, 0);
  return {
    at: now.toISOString(),
    webhooks15m,
    webhooks24h,
    webhookSuccessRate24h: received ? round(1 - failed / received) : null,
    syncLatency24h: latency,
    syncLatencyP95: round(allLatency[0]?.p95),
    duplicatesToday: dupes.map(({ source, duplicates }) => ({ source, duplicates })),
    duplicateSideEffects24h: sideEffects,
    ticketsLastHour: tickets,
    paymentToAccessP95: p2a.p95,
    backlog,
  };
}
