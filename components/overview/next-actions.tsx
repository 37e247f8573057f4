import { Link } from "@/components/ui/link";
import { EmptyState } from "@/components/ui/empty-state";
import { TimeAgo } from "@/components/ui/time-ago";
import type { NextAction } from "@/lib/overview/next-actions";

/** Dead tasks and blocked or past-due customers, each with what to do next. */
export function NextActions({ items }: { items: NextAction[] }) {
  if (items.length === 0) {
    return (
      <EmptyState title="Nothing needs you right now">
        No dead tasks, no blocked or past-due customers.
      </EmptyState>
    );
  }
  return (
    <ul
      className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
      data-testid="next-actions"
    >
      {items.map((i) => (
        <li key={`${i.kind}:${i.id}`} className="px-3 py-2 text-sm">
          <div className="flex flex-wrap items-baseline gap-x-2">
            <Link href={i.href} className="font-medium text-indigo-700 hover:underline">
              {i.title}
            </Link>
            <span className="ml-auto text-xs text-slate-500">
              <TimeAgo date={i.since} />
            </span>
          </div>
          <p className="text-xs break-words text-slate-600">{i.detail}</p>
          <p className="text-xs text-slate-900">
            <span className="font-medium">Next: </span>
            {i.action}
          </p>
        </li>
      ))}
    </ul>
  );
}
