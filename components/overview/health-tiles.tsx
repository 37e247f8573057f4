import { Link } from "@/components/ui/link";
import { formatPercent, formatSeconds } from "@/components/overview/format";
import type { MetricsSnapshot } from "@/lib/metrics/snapshot";

type Tile = {
  id: string;
  label: string;
  value: string;
  hint: string;
  href: string;
  bad: boolean;
};

/** The flow's health at a glance; each tile links to its detail. */
export function HealthTiles({
  snapshot,
  openExceptions,
}: {
  snapshot: MetricsSnapshot;
  openExceptions: number;
}) {
  const duplicates = snapshot.duplicatesToday.reduce((n, d) => n + d.duplicates, 0);
  const sideEffects = snapshot.duplicateSideEffects24h.reduce((n, d) => n + d.extra, 0);
  const tiles: Tile[] = [
    {
      id: "webhook-success",
      label: "Webhook success (24 h)",
      value: formatPercent(snapshot.webhookSuccessRate24h),
      hint: `${snapshot.webhooks24h.reduce((n, r) => n + r.received, 0)} received`,
      href: "/ledger",
      bad: (snapshot.webhookSuccessRate24h ?? 1) < 0.98,
    },
    {
      id: "sync-latency",
      label: "Sync latency p95 (24 h)",
      value: formatSeconds(snapshot.syncLatencyP95),
      hint: `${snapshot.backlog.reduce((n, b) => n + b.pending, 0)} waiting`,
      href: "/alerts#metrics",
      bad: (snapshot.syncLatencyP95 ?? 0) > 60,
    },
    {
      id: "duplicates",
      label: "Duplicates today",
      value: String(duplicates),
      hint: sideEffects ? `${sideEffects} duplicate side effect(s)!` : "0 duplicate side effects",
      href: "/alerts#metrics",
      bad: sideEffects > 0,
    },
    {
      id: "open-exceptions",
      label: "Open exceptions",
      value: String(openExceptions),
      hint: openExceptions ? "need a person" : "nothing waiting",
      href: "/exceptions",
      bad: openExceptions > 0,
    },
    {
      id: "payment-to-access",
      label: "Payment → access p95",
      value: formatSeconds(snapshot.paymentToAccessP95),
      hint: "last 24 h",
      href: "/alerts#metrics",
      bad: (snapshot.paymentToAccessP95 ?? 0) > 300,
    },
  ];
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
      {tiles.map((t) => (
        <Link
          key={t.id}
          href={t.href}
          data-testid={`tile-${t.id}`}
          className={`rounded-lg border bg-white p-3 hover:border-indigo-300 ${t.bad ? "border-red-300" : "border-slate-200"}`}
        >
          <div className="text-xs text-slate-600">{t.label}</div>
          <div className={`text-2xl font-semibold ${t.bad ? "text-red-700" : "text-slate-900"}`}>
            {t.value}
          </div>
          <div className="truncate text-xs text-slate-500">{t.hint}</div>
        </Link>
      ))}
    </div>
  );
}
