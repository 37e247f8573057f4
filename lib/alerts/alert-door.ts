import type { Db } from "@/lib/db";

const SOURCES: Record<string, string> = {
  stripe: "Stripe",
  hubspot: "HubSpot",
  zendesk: "Zendesk",
  app: "the app",
};
const TARGETS: Record<string, string> = {
  crm: "HubSpot",
  support: "Zendesk",
  email: "email",
  app: "the app",
};

/** An alert's scope ("source:stripe", "target:crm", "action:…", "global") in words. */
export function scopeInWords(scope: string): string {
  const [kind, value = ""] = scope.split(":");
  if (kind === "source") return `webhooks from ${SOURCES[value] ?? value}`;
  if (kind === "target") return `sync to ${TARGETS[value] ?? value}`;
  if (kind === "action") return value.replace(/^[a-z]+\./, "").replaceAll("_", " ");
  return "";
}

/** Where to look at what fired an alert: the failed events, the exceptions, the metrics. */
export function alertDoor(
  ruleKey: string | undefined,
  scope: string,
): { href: string; label: string } {
  const [kind, value = ""] = scope.split(":");
  switch (ruleKey) {
    case "webhook_failure_rate":
      return kind === "source"
        ? {
            href: `/ledger?source=${encodeURIComponent(value)}&status=failed`,
            label: "Open the failed events",
          }
        : { href: "/ledger?status=failed", label: "Open the failed events" };
    case "dead_task":
    case "sync_latency_p95":
      return { href: "/exceptions", label: "Open the exceptions queue" };
    case "ticket_spike":
      return { href: "/ledger?source=zendesk", label: "Open the Zendesk events" };
    case "payment_to_access_p95":
      return { href: "/ledger?source=stripe", label: "Open the Stripe events" };
    default:
      return { href: "/alerts#metrics", label: "Open the metrics" };
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
  return Object.fromEntries(alerts.map((a) => [a.id, alertDoor(key.get(a.ruleId), a.scope).href]));
}
