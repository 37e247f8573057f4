import { Counter, Gauge, Registry } from "prom-client";

/**
 * The app's own Prometheus registry (not prom-client's global one), kept on globalThis so
 * every route bundle of one Next.js process shares the same counters.
 */
function create() {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  return {
    registry,
    webhookRejected: new Counter({
      name: "launchready_webhook_rejected_total",
      help: "Webhook requests rejected before anything was written (bad signature, 4xx), this process",
      labelNames: ["source", "status"],
      registers: [registry],
    }),
    webhookReceived: gauge(
      "launchready_webhook_received",
      "Webhook requests received in the window (ledger rows + rejected requests)",
      ["source", "window"],
    ),
    webhookFailed: gauge(
      "launchready_webhook_failed",
      "Webhooks that failed in the window (rejected + ledger rows whose processing failed)",
      ["source", "window"],
    ),
    webhookFailureRatio: gauge(
      "launchready_webhook_failure_ratio",
      "(rejected + failed) / received over the window",
      ["source", "window"],
    ),
    syncLatency: gauge(
      "launchready_sync_latency_seconds",
      "Sync task created → succeeded over the last 24 h",
      ["target", "quantile"],
    ),
    duplicateEventsToday: gauge(
      "launchready_duplicate_events_today",
      "Duplicate webhook deliveries dropped today (UTC), per source",
      ["source"],
    ),
    duplicateSideEffects: gauge(
      "launchready_duplicate_side_effects",
      "Side effects performed more than once for one cause over the last 24 h (must be 0)",
      ["action"],
    ),
    ticketsLastHour: gauge(
      "launchready_support_tickets_created_last_hour",
      "Support tickets opened by the sync engine in the last hour",
    ),
    paymentToAccessP95: gauge(
      "launchready_payment_to_access_p95_seconds",
      "p95 of paying webhook received → access active, over the last 24 h",
    ),
    syncTasks: gauge("launchready_sync_tasks", "Sync tasks by target and status (backlog)", [
      "target",
      "status",
    ]),
    oldestPendingAge: gauge(
      "launchready_sync_oldest_pending_age_seconds",
      "Age of the oldest sync task still waiting to succeed",
      ["target"],
    ),
    alertsOpen: gauge("launchready_alerts_open", "Open (firing or acknowledged) alerts per rule", [
      "rule",
    ]),
  };
}

export type Metrics = ReturnType<typeof create>;

const globalForMetrics = globalThis as unknown as { launchReadyMetrics?: Metrics };

export function metrics(): Metrics {
  globalForMetrics.launchReadyMetrics ??= create();
  return globalForMetrics.launchReadyMetrics;
}
