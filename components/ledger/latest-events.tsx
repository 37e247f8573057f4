import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { plainFormAction, type FormAction } from "@/lib/actions/action-state";
import type { LedgerListItem } from "@/lib/ledger/queries";

export function LatestEvents({
  events,
  canRetry,
  retry,
}: {
  events: LedgerListItem[];
  canRetry: boolean;
  retry: FormAction;
}) {
  if (events.length === 0) {
    return (
      <EmptyState title="No webhooks received yet">
        Point Stripe at /api/webhooks/stripe (see the README).
      </EmptyState>
    );
  }
  return (
    <ul
      className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
      data-testid="latest-events"
    >
      {events.map((e) => (
        <li key={e.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
          <StatusBadge value={e.status} />
          <span className="font-mono text-xs">{e.type}</span>
          <span className="text-slate-500">{e.source}</span>
          {e.duplicateCount > 0 && (
            <span className="text-xs text-amber-800">{e.duplicateCount} duplicate(s) dropped</span>
          )}
          {e.error && (
            <span className="w-full truncate text-xs text-red-700 sm:w-auto">{e.error}</span>
          )}
          <span className="ml-auto text-xs text-slate-500">
            <TimeAgo date={e.receivedAt} />
          </span>
          {canRetry && e.status === "failed" && (
            <form action={plainFormAction(retry)}>
              <input type="hidden" name="ledgerEventId" value={e.id} />
              <button className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100">
                Retry
              </button>
            </form>
          )}
        </li>
      ))}
    </ul>
  );
}
