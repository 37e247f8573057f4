import type { Db } from "@/lib/db";

/**
 * Where an alert leads: the page that shows what fired it (failed webhooks of that source,
 * the exceptions queue for dead tasks, the tickets' customers, the metrics).
 */
export function alertHref(ruleKey: string, scope: string): string {
  const [kind, value] = scope.split(":");
  switch (ruleKey) {
    case "webhook_failure_rate":
      return kind === "source" && value
        ? `/ledger?source=${encodeURIComponent(value)}&status=failed`
        : "/ledger?status=failed";
    case "dead_task":
      return "/exceptions";
    case "ticket_spike":
      return "/customers?access=past_due";
    case "duplicate_side_effect":
    case "sync_latency_p95":
    case "payment_to_access_p95":
    default:
      return "/alerts#metrics";
  }
}

/** The link of each alert by id (its rule's key read once for all). */
export async function alertLinks(
  db: Db,
  alerts: { id: string; ruleId: string; scope: string }[],
): Promise<Record<string, string>> {
  const rules = await db.alertRule.findMany({
    where: { id: { in: [...new Set(alerts.map((a) => a.ruleId))] } },
    select: { id: true, key: true },
  });
  const key = new Map(rules.map((r) => [r.id, r.key]));
  return Object.fromEntries(alerts.map((a) => [a.id, alertHref(key.get(a.ruleId) ?? "", a.scope)]));
}
