import { Link } from "@/components/ui/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TimeAgo } from "@/components/ui/time-ago";
import { plainFormAction, type FormAction } from "@/lib/actions/action-state";
import type { AlertListItem } from "@/lib/alerts/queries";
import { alertDoor, scopeInWords } from "./alert-door";

const tone: Record<string, string> = {
  firing: "bg-red-100 text-red-800",
  acknowledged: "bg-amber-100 text-amber-900",
  resolved: "bg-emerald-100 text-emerald-800",
};

/** The alerts page's list: each alert says what it is about and opens what fired it. */
export function AlertList({
  alerts,
  ruleKeys,
  canManage,
  acknowledge,
}: {
  alerts: AlertListItem[];
  /** rule id → rule key */
  ruleKeys: Record<string, string>;
  canManage: boolean;
  acknowledge: FormAction;
}) {
  if (alerts.length === 0) {
    return <EmptyState title="No alerts">Rules are evaluated every minute.</EmptyState>;
  }
  return (
    <ul
      className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
      data-testid="recent-alerts"
    >
      {alerts.map((a) => {
        const door = alertDoor(ruleKeys[a.ruleId], a.scope);
        const about = scopeInWords(a.scope);
        return (
          <li key={a.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
            <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${tone[a.state]}`}>
              {a.state}
            </span>
            <span className="font-medium">{a.title}</span>
            {about && <span className="text-xs text-slate-500">{about}</span>}
            <span className="ml-auto text-xs text-slate-500">
              <TimeAgo date={a.resolvedAt ?? a.firedAt} />
            </span>
            <p className="w-full text-xs break-words text-slate-600">{a.detail}</p>
            {a.state === "acknowledged" && a.acknowledgedBy && (
              <p className="w-full text-xs text-slate-500">Acknowledged by {a.acknowledgedBy}</p>
            )}
            <Link href={door.href} className={buttonClass({ variant: "ghost", size: "sm" })}>
              {door.label}
            </Link>
            {canManage && a.state === "firing" && (
              <form action={plainFormAction(acknowledge)}>
                <input type="hidden" name="alertId" value={a.id} />
                <button type="submit" className={buttonClass({ size: "sm" })}>
                  Acknowledge
                </button>
              </form>
            )}
          </li>
        );
      })}
    </ul>
  );
}
