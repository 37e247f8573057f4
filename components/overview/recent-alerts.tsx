import { Link } from "@/components/ui/link";
import { EmptyState } from "@/components/ui/empty-state";
import { TimeAgo } from "@/components/ui/time-ago";
import { plainFormAction, type FormAction } from "@/lib/actions/action-state";
import type { AlertListItem } from "@/lib/alerts/queries";

const tone: Record<string, string> = {
  firing: "bg-red-100 text-red-800",
  acknowledged: "bg-amber-100 text-amber-900",
  resolved: "bg-emerald-100 text-emerald-800",
};

/** Open alerts first, then recently resolved ones; founders acknowledge firing ones here. */
export function RecentAlerts({
  alerts,
  canManage,
  acknowledge,
  hrefs = {},
}: {
  alerts: AlertListItem[];
  canManage: boolean;
  acknowledge: FormAction;
  /** Where each alert leads (by id): the page showing what fired it. */
  hrefs?: Record<string, string>;
}) {
  if (alerts.length === 0) {
    return <EmptyState title="No alerts">Rules are evaluated every minute.</EmptyState>;
  }
  return (
    <ul
      className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
      data-testid="recent-alerts"
    >
      {alerts.map((a) => (
        <li key={a.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
          <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${tone[a.state]}`}>
            {a.state}
          </span>
          {hrefs[a.id] ? (
            <Link href={hrefs[a.id]} className="font-medium text-indigo-700 hover:underline">
              {a.title}
            </Link>
          ) : (
            <span className="font-medium">{a.title}</span>
          )}
          <span className="font-mono text-xs text-slate-500">{a.scope}</span>
          <span className="ml-auto text-xs text-slate-500">
            <TimeAgo date={a.resolvedAt ?? a.firedAt} />
          </span>
          <p className="w-full text-xs break-words text-slate-600">{a.detail}</p>
          {a.state === "acknowledged" && a.acknowledgedBy && (
            <p className="w-full text-xs text-slate-500">Acknowledged by {a.acknowledgedBy}</p>
          )}
          {canManage && a.state === "firing" && (
            <form action={plainFormAction(acknowledge)}>
              <input type="hidden" name="alertId" value={a.id} />
              <button className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100">
                Acknowledge
              </button>
            </form>
          )}
        </li>
      ))}
    </ul>
  );
}
